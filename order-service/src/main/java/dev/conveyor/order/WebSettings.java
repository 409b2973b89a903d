package dev.conveyor.order;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Browser access to the API ({@code conveyor.order.cors.*}).
 *
 * @param allowedOrigins the storefront origins allowed to call {@code /api/**} from a browser; none by default
 */
@ConfigurationProperties("conveyor.order.cors")
record WebSettings(@DefaultValue List<String> allowedOrigins) {
}
