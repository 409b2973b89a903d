package dev.conveyor.shipping;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ShippingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShippingServiceApplication.class, args);
    }

    /** The time of every state change; one bean so tests could fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
