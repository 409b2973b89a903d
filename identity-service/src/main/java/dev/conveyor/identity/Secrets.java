package dev.conveyor.identity;

import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Passwords and client secrets as the authorization server stores them: encoded, never in clear. */
final class Secrets {

    /** A value already encoded for a {@code DelegatingPasswordEncoder}: {@code {bcrypt}$2a$...}. */
    private static final Pattern ENCODED = Pattern.compile("^\\{[a-z0-9@._-]+}.+");

    private Secrets() {}

    /** The secret encoded with {@code encoder}, or as given when it already names its encoding. */
    static String encoded(String secret, PasswordEncoder encoder) {
        return ENCODED.matcher(secret).matches() ? secret : encoder.encode(secret);
    }
}
