package dev.switchboard.loadtest.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.didcomm.did.Verkeys;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The parts of the mediator's out-of-band 1.1 invitation a wallet needs (<a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0434-outofband">Aries RFC 0434</a>).
 *
 * @param id the invitation's {@code @id} (the {@code pthid} of the DID exchange request)
 * @param recipientVerkey the first service's first recipient key, as a base58 Ed25519 verkey
 * @param endpoints every service endpoint, in the invitation's order (WebSocket first, then HTTP)
 */
public record Invitation(String id, String recipientVerkey, List<String> endpoints) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public Invitation {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Parses an invitation URL ({@code ...?oob=<base64url JSON>}) or the invitation JSON itself.
     *
     * @throws IllegalArgumentException when it is neither or lacks {@code @id} or a recipient key
     */
    public static Invitation parse(String urlOrJson) {
        String text = urlOrJson.strip();
        byte[] json;
        if (text.startsWith("{")) {
            json = text.getBytes(StandardCharsets.UTF_8);
        } else {
            int at = text.indexOf("oob=");
            if (at < 0) {
                throw new IllegalArgumentException("invitation: neither JSON nor a URL with ?oob=: " + text);
            }
            String oob = text.substring(at + 4);
            int amp = oob.indexOf('&');
            oob = URLDecoder.decode(amp < 0 ? oob : oob.substring(0, amp), StandardCharsets.UTF_8);
            json = Base64.getUrlDecoder().decode(oob.replace("=", ""));
        }
        try {
            JsonNode inv = JSON.readTree(json);
            String id = inv.path("@id").asText("");
            List<String> endpoints = new ArrayList<>();
            String key = null;
            for (JsonNode service : inv.path("services")) {
                endpoints.add(service.path("serviceEndpoint").asText());
                JsonNode keys = service.path("recipientKeys");
                if (key == null && keys.isArray() && !keys.isEmpty()) {
                    key = keys.get(0).asText();
                }
            }
            if (id.isEmpty() || key == null) {
                throw new IllegalArgumentException("invitation: no @id or no recipientKeys");
            }
            return new Invitation(id, Verkeys.normalize(key), endpoints);
        } catch (IOException e) {
            throw new IllegalArgumentException("invitation: not JSON", e);
        }
    }

    /**
     * Fetches {@code GET <mediatorHttpUrl>/invitation} and parses it.
     *
     * @throws IllegalStateException when the mediator does not answer 200 within 10 s
     */
    public static Invitation fetch(URI mediatorHttpUrl) {
        URI uri = mediatorHttpUrl.resolve("/invitation");
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + ": " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
