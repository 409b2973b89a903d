package dev.conveyor.testkit;

import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database with its own owner role, created for one test class or one service under test.
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

    /** A simple non-pooled data source, for tests that talk to the database without Spring. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** The Spring Boot properties that point an application at this database. */
    public Map<String, String> springProperties() {
        return Map.of("spring.datasource.url", jdbcUrl, "spring.datasource.username", username,
                "spring.datasource.password", password);
    }
}
