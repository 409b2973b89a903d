package dev.conveyor.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error, as a problem detail instead of its HTML page: a request Tomcat refuses before any
 * servlet sees it (a malformed request line, a character not allowed in the URL, bad percent-encoding, headers
 * larger than the limit) and any error no error page answered. It writes only when nothing has been written, like
 * the {@link ErrorReportValve} it replaces, and never names the server or shows a stack trace.
 */
public class ProblemReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json(status));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }

    /** The problem of a status, written by hand: every value is one of ours, none comes from the request. */
    static String json(int status) {
        HttpStatus resolved = HttpStatus.resolve(status);
        String title = resolved == null ? "Error" : resolved.getReasonPhrase();
        String detail = resolved == null ? "The request failed." : ProblemResponses.containerDetail(resolved);
        return "{\"type\":\"" + ProblemResponses.typeOf(HttpStatusCode.valueOf(status)) + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
    }
}
