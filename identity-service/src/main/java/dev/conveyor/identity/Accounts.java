package dev.conveyor.identity;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Turns the configured accounts into the users who may sign in; a user's name is their token's subject. */
final class Accounts {

    private Accounts() {}

    static List<UserDetails> of(IdentityProperties properties, PasswordEncoder passwordEncoder) {
        return properties.accounts().entrySet().stream()
                .map(entry -> User.withUsername(entry.getKey())
                        .password(Secrets.encoded(entry.getValue().password(), passwordEncoder))
                        .authorities(entry.getValue().roles().stream()
                                .map(role -> new SimpleGrantedAuthority(role.authority()))
                                .toList())
                        .build())
                .toList();
    }
}
