package dev.switchboard.mediator.protocol.discoverfeatures.v1;

import dev.switchboard.mediator.message.HandlerRegistry;
import dev.switchboard.mediator.message.Piuri;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches a discover-features query against the served protocols: {@code *} is a wildcard (RFC 0031); a
 * query without wildcard that is a PIURI also matches a served protocol of the same MAJOR version, which is
 * then disclosed under its own PIURI.
 */
public final class FeatureMatch {
    private FeatureMatch() {}

    /** The served protocols matching {@code query}, in registration order. */
    public static List<HandlerRegistry.Served> matching(HandlerRegistry registry, String query) {
        if (query.contains("*")) {
            Pattern pattern = Pattern.compile(Pattern.quote(normalise(query)).replace("*", "\\E.*\\Q"));
            return registry.served().stream()
                    .filter(s -> pattern.matcher(s.piuri().uri()).matches())
                    .toList();
        }
        return Piuri.parse(query)
                .map(q -> registry.served().stream()
                        .filter(s -> s.piuri().sameMajor(q))
                        .toList())
                .orElse(List.of());
    }

    private static String normalise(String query) {
        return query.startsWith(Piuri.DID_SOV) ? Piuri.DIDCOMM_ORG + query.substring(Piuri.DID_SOV.length()) : query;
    }
}
