package dev.conveyor.web;

import org.apache.catalina.core.StandardHost;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Puts the shared REST edge into every servlet service (and into its {@code @WebMvcTest} slices): problem details for
 * every error (before Boot's own handler and error controller, which it replaces), strict JSON request bodies,
 * request ids in the logging context, CORS, and the problem responses in the OpenAPI documents.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class,
        before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({ OutageProperties.class, CorsSettings.class, BodyLimit.Settings.class })
@Import({ OutageProblems.class, EdgeProblems.class, ProblemErrorController.class, CorsMappings.class })
public class WebAutoConfiguration {

    /** Reads request bodies strictly (see {@link StrictJson}); Boot's converters still write every answer. */
    @Bean
    StrictJsonReader strictJsonReader(JsonMapper jsonMapper) {
        return new StrictJsonReader(jsonMapper);
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(new RequestIds().getOrder());
        return registration;
    }

    /** Replaces Tomcat's HTML error report with {@link ProblemReportValve}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.apache.catalina.startup.Tomcat",
            "org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory" })
    static class TomcatErrorReport {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReportValve.class.getName());
                }
            });
        }
    }

    @Bean
    FilterRegistrationBean<BodyLimit> bodyLimit(BodyLimit.Settings settings) {
        BodyLimit limit = new BodyLimit(settings);
        FilterRegistrationBean<BodyLimit> registration = new FilterRegistrationBean<>(limit);
        registration.setOrder(limit.getOrder());
        return registration;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OperationCustomizer")
    static class Documentation {

        @Bean
        ApiDocumentation problemApiDocumentation() {
            return new ApiDocumentation();
        }
    }
}
