package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.testing.TestWalletV2;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Nothing is written to Redis for a request that did not decrypt and authenticate (issue 13, hole 2): a
 * DIDComm v2 message whose {@code skid} is a did:peer:4 long form stores that long form only once the message
 * decrypted, and then with a time to live.
 */
@QuarkusTest
class UnauthenticatedWritesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MediatorDid mediator;

    @Inject
    MediatorRedis redis;

    @Test
    void aDidPeer4LongFormIsStoredOnlyAfterItsMessageDecryptedAndWithATtl() throws Exception {
        TestWalletV2 wallet = TestWalletV2.peer4(mediator.did());
        String key = redis.keys().didPeer4(DidPeer4.shortForm(wallet.did()));
        byte[] packed = wallet.pack(TestWalletV2.message("https://didcomm.org/trust-ping/2.0/ping"));

        // the same envelope, its ciphertext altered: the skid resolves, decryption fails
        ObjectNode jwe = (ObjectNode) JSON.readTree(packed);
        String ciphertext = jwe.path("ciphertext").asText();
        jwe.put("ciphertext", (ciphertext.charAt(0) == 'A' ? "B" : "A") + ciphertext.substring(1));
        int status = TestWalletV2.post(JSON.writeValueAsBytes(jwe)).statusCode();
        assertThat(status).isBetween(400, 499);
        assertThat(redis.sync().exists(key))
                .as("nothing stored before decryption")
                .isZero();

        assertThat(TestWalletV2.post(packed).statusCode()).isEqualTo(200);
        assertThat(redis.sync().get(key)).isEqualTo(wallet.did());
        assertThat(redis.sync().ttl(key)).as("stored with a time to live").isPositive();
    }
}
