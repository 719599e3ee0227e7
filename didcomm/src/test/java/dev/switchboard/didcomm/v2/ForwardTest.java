package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.util.Base64URL;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardTest {

    @Test
    void wrapsAndParsesJsonAttachment() {
        Message fwd =
                Forward.wrap("did:example:bob", SpecVectors.ANON_X25519_XC20P, List.of("did:example:mediator"), 5L);
        assertThat(fwd.type()).isEqualTo(Forward.TYPE);
        assertThat(fwd.expiresTime()).isEqualTo(5L);
        Forward.ForwardRequest parsed =
                Forward.parse(Message.parse(fwd.toJson())).orElseThrow();
        assertThat(parsed.next()).isEqualTo("did:example:bob");
        assertThat(Json.parseObject(parsed.forwardedMessage(), "t"))
                .isEqualTo(Json.parseObject(SpecVectors.ANON_X25519_XC20P, "t"));
    }

    @Test
    void parsesBase64Attachment() {
        String jwe = Json.write(Json.parseObject(SpecVectors.ANON_X25519_XC20P, "t"));
        Message fwd = Message.builder("1", Forward.TYPE, Json.object().put("next", "did:example:bob"))
                .attachments(List.of(Attachment.of(
                        "a", AttachmentData.ofBase64(Base64URL.encode(jwe).toString()))))
                .build();
        assertThat(Forward.parse(fwd).orElseThrow().forwardedMessage()).isEqualTo(jwe);
    }

    @Test
    void notAForwardIsEmpty() {
        assertThat(Forward.parse(RoundTripTest.message())).isEmpty();
    }

    @Test
    void malformedForwardsAreInvalid() {
        for (String json : List.of(
                "{\"id\":\"1\",\"type\":\"" + Forward.TYPE + "\",\"body\":{}}",
                "{\"id\":\"1\",\"type\":\"" + Forward.TYPE + "\",\"body\":{\"next\":\"did:x:y\"}}",
                "{\"id\":\"1\",\"type\":\"" + Forward.TYPE
                        + "\",\"body\":{\"next\":\"did:x:y\"},\"attachments\":[{\"data\":{\"json\":[1]}}]}",
                "{\"id\":\"1\",\"type\":\"" + Forward.TYPE
                        + "\",\"body\":{\"next\":\"did:x:y\"},\"attachments\":[{\"data\":{\"base64\":\"!!\"}}]}",
                "{\"id\":\"1\",\"type\":\"" + Forward.TYPE
                        + "\",\"body\":{\"next\":\"did:x:y\"},\"attachments\":[{\"data\":{\"links\":[\"https://x\"]}}]}")) {
            Message m = Message.parse(json);
            assertThatThrownBy(() -> Forward.parse(m))
                    .as(json)
                    .isInstanceOfSatisfying(
                            DidcommException.class,
                            e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_INVALID));
        }
    }
}
