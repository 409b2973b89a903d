package dev.conveyor.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code conveyor.web.max-request-body} (1 MB by default; the largest order is a
 * few kilobytes) with a 413, before it is read into memory: at once when its {@code Content-Length} says so, and
 * when a chunked body grows past the limit while it is read ({@link EdgeProblems} answers the
 * {@link TooLarge} that reading then meets).
 */
class BodyLimit extends OncePerRequestFilter implements Ordered {

    private final long maxBytes;

    BodyLimit(Settings settings) {
        this.maxBytes = settings.maxRequestBody().toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    /** The settings: {@code conveyor.web.max-request-body}. */
    @ConfigurationProperties("conveyor.web")
    record Settings(@DefaultValue("1MB") DataSize maxRequestBody) {
    }

    /** A body read past the limit. */
    static final class TooLarge extends IOException {

        TooLarge(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;

        private ServletInputStream stream;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), maxBytes);
            }
            return stream;
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream body;

        private final long maxBytes;

        private long read;

        Counting(ServletInputStream body, long maxBytes) {
            this.body = body;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int next = body.read();
            if (next >= 0) {
                count(1);
            }
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int count = body.read(buffer, offset, length);
            if (count > 0) {
                count(count);
            }
            return count;
        }

        private void count(int bytes) throws TooLarge {
            read += bytes;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
