package dev.conveyor.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests sent byte for byte to a real embedded Tomcat: whether the container refuses them before any servlet runs
 * (malformed request line, characters not allowed in the URL, bad percent-encoding, no Host, headers over the limit)
 * or Spring does, every error is an RFC 9457 problem detail with its type URI, never Tomcat's HTML page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.max-http-request-header-size=4KB", "conveyor.web.max-request-body=1KB" })
@Import(ContainerProblemsTest.EdgeController.class)
class ContainerProblemsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void aCharacterNotAllowedInTheUrlIsA400Problem() throws IOException {
        assertProblem(send("GET /edge/a{b}|c HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "invalid-request");
    }

    @Test
    void badPercentEncodingIsA400Problem() throws IOException {
        assertProblem(send("GET /edge/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "invalid-request");
        assertProblem(send("GET /edge/%00 HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "invalid-request");
    }

    @Test
    void aMalformedRequestLineIsA400Problem() throws IOException {
        assertProblem(send("G\u0001T /edge/thing HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "invalid-request");
        assertProblem(send("GET /edge/thing HTTP/1.1\r\n\r\n"), 400, "invalid-request");
    }

    @Test
    void headersOverTheLimitAreA400Problem() throws IOException {
        String big = "x".repeat(8 * 1024);
        assertProblem(send("GET /edge/thing HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\n\r\n"), 400,
                "invalid-request");
    }

    @Test
    void anUnknownPathIsA404Problem() throws IOException {
        assertProblem(send("GET /nowhere HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n\r\n"), 404, "not-found");
    }

    @Test
    void anUnsupportedMethodIsA405Problem() throws IOException {
        assertProblem(send("DELETE /edge/thing HTTP/1.1\r\nHost: localhost\r\n\r\n"), 405, "method-not-allowed");
    }

    @Test
    void anUnacceptableAcceptIsA406Problem() throws IOException {
        assertProblem(send("GET /edge/thing HTTP/1.1\r\nHost: localhost\r\nAccept: application/xml\r\n\r\n"), 406,
                "not-acceptable");
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemWhetherItsLengthIsDeclaredOrNot() throws IOException {
        String body = "{\"name\":\"" + "x".repeat(2048) + "\"}";
        assertProblem(send("POST /edge/thing HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body), 413, "content-too-large");
        String chunk = Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
        assertProblem(send("POST /edge/thing HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + chunk), 413, "content-too-large");
    }

    @Test
    void aBodyOfAnotherMediaTypeIsA415Problem() throws IOException {
        assertProblem(send("POST /edge/thing HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 2\r\n\r\nhi"), 415, "unsupported-media-type");
    }

    @Test
    void anUnexpectedFailureIsA500ProblemThatRevealsNothing() throws IOException {
        Answer answer = send("GET /edge/boom HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(answer, 500, "internal-error");
        assertThat(answer.body()).doesNotContain("secret", "Exception", "at dev.");
    }

    @Test
    void aWellFormedRequestStillSucceeds() throws IOException {
        Answer answer = send("POST /edge/thing HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 15\r\n\r\n{\"name\":\"mug\"}\n");

        assertThat(answer.status()).as(answer.head()).isEqualTo(200);
        assertThat(answer.body()).contains("mug");
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.head() + answer.body()).isEqualTo(status);
        assertThat(answer.head().toLowerCase()).contains("content-type: application/problem+json");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asString()).isEqualTo(ProblemResponses.TYPE_BASE + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(answer.body()).doesNotContain("<html", "Tomcat");
    }

    /** Sends raw bytes (no client library cleans them up) and reads the answer until the server closes. */
    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return Answer.of(answer.toString(StandardCharsets.UTF_8));
        }
    }

    record Answer(int status, String head, String body) {

        static Answer of(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder body = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return body.toString();
                }
                body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }

    @RestController
    @RequestMapping(path = "/edge", produces = MediaType.APPLICATION_JSON_VALUE)
    static class EdgeController {

        @GetMapping("/thing")
        Map<String, String> thing() {
            return Map.of("name", "mug");
        }

        @PostMapping("/thing")
        Map<String, String> post(@RequestBody Thing thing) {
            return Map.of("name", thing.name());
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }

    record Thing(String name) {
    }
}
