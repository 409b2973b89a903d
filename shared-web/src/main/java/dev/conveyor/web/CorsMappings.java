package dev.conveyor.web;

import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets the configured origins call {@code /api/**} from a browser (including server-sent event streams). */
class CorsMappings implements WebMvcConfigurer {

    private final CorsSettings settings;

    CorsMappings(CorsSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!settings.allowedOrigins().isEmpty()) {
            registry.addMapping("/api/**")
                .allowedOrigins(settings.allowedOrigins().toArray(String[]::new))
                .allowedMethods(settings.allowedMethods().toArray(String[]::new))
                .allowedHeaders(settings.allowedHeaders().toArray(String[]::new))
                .exposedHeaders(settings.exposedHeaders().toArray(String[]::new));
        }
    }
}
