package dev.conveyor.order;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the configured storefront origins call the API from a browser (including the SSE stream). */
@Configuration
@EnableConfigurationProperties(WebSettings.class)
class CorsConfiguration implements WebMvcConfigurer {

    private final WebSettings settings;

    CorsConfiguration(WebSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!settings.allowedOrigins().isEmpty()) {
            registry.addMapping("/api/**")
                    .allowedOrigins(settings.allowedOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "POST")
                    .allowedHeaders("Content-Type", "Idempotency-Key")
                    .exposedHeaders("Location");
        }
    }
}
