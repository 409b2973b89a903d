package dev.conveyor.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Puts the shared REST edge into every servlet service (and into its {@code @WebMvcTest} slices). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(OutageProperties.class)
@Import(OutageProblems.class)
public class WebAutoConfiguration {
}
