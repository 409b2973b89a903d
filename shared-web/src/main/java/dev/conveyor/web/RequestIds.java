package dev.conveyor.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every HTTP request ids in the logging context, so its log lines carry ids as a message's do: the request id
 * ({@code X-Request-Id} when the caller sent a plain one, else a new UUID; echoed in the answer) as
 * {@code requestId} and {@code messageId}, and as {@code correlationId} the order the request is about (an
 * {@code /api/orders/{id}} path or an {@code orderId} parameter) or else the request id. The messages a request
 * causes are correlated by orderId already, so a request's lines and its saga's lines share that id.
 */
class RequestIds extends OncePerRequestFilter implements Ordered {

    static final String HEADER = "X-Request-Id";

    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static final Pattern ORDER_PATH = Pattern.compile("^/api/orders/([0-9a-fA-F-]{36})(?:/.*)?$");

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F-]{36}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = requestId(request.getHeader(HEADER));
        String orderId = orderId(request);
        response.setHeader(HEADER, requestId);
        try (MDC.MDCCloseable id = MDC.putCloseable("requestId", requestId);
                MDC.MDCCloseable message = MDC.putCloseable("messageId", requestId);
                MDC.MDCCloseable correlation = MDC.putCloseable("correlationId", orderId != null ? orderId : requestId)) {
            chain.doFilter(request, response);
        }
    }

    static String requestId(String header) {
        return header != null && PLAIN_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
    }

    static String orderId(HttpServletRequest request) {
        Matcher path = ORDER_PATH.matcher(request.getRequestURI());
        if (path.matches()) {
            return path.group(1).toLowerCase();
        }
        String parameter = request.getQueryString() == null ? null : request.getParameter("orderId");
        return parameter != null && UUID_TEXT.matcher(parameter).matches() ? parameter.toLowerCase() : null;
    }
}
