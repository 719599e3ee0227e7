package dev.switchboard.didcomm.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTest {

    @Test
    void parsesAllHeadersAndAttachmentKinds() {
        Message m = Message.parse("""
                {"id":"1","typ":"application/didcomm-plain+json","type":"https://didcomm.org/x/1.0/y",
                 "from":"did:example:alice","to":["did:example:bob"],"thid":"t","pthid":"p",
                 "created_time":1,"expires_time":2,"body":{"a":1},"please_ack":["1"],
                 "attachments":[
                   {"id":"j","media_type":"application/json","data":{"json":{"k":"v"}}},
                   {"id":"b","filename":"f.txt","byte_count":5,"lastmod_time":3,"data":{"base64":"aGVsbG8"}},
                   {"id":"l","data":{"links":["https://x.example/a"],"hash":"zQm"}},
                   {"id":"s","data":{"base64":"aGVsbG8","jws":{"protected":"e","signature":"s"}}}]}
                """);
        assertThat(m.thid()).isEqualTo("t");
        assertThat(m.pthid()).isEqualTo("p");
        assertThat(m.createdTime()).isEqualTo(1L);
        assertThat(m.expiresTime()).isEqualTo(2L);
        assertThat(m.extraHeaders()).containsKey("please_ack");
        assertThat(m.attachments()).hasSize(4);
        assertThat(m.attachments().get(0).data().json().get("k").asText()).isEqualTo("v");
        assertThat(m.attachments().get(1).byteCount()).isEqualTo(5L);
        assertThat(m.attachments().get(2).data().links()).containsExactly("https://x.example/a");
        assertThat(m.attachments().get(3).data().jws()).isNotNull();
        assertThat(Message.parse(m.toJson())).isEqualTo(m);
    }

    @Test
    void toleratesMissingTypAndBodyAndSingleTo() {
        Message m = Message.parse("{\"id\":\"1\",\"type\":\"t\",\"to\":\"did:example:bob\",\"x\":null}");
        assertThat(m.typ()).isNull();
        assertThat(m.body().isEmpty()).isTrue();
        assertThat(m.to()).containsExactly("did:example:bob");
    }

    @Test
    void isImmutable() {
        Message m = RoundTripTest.message();
        m.body().put("text", "changed");
        assertThat(m.body().get("text").asText()).isEqualTo("hello");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "[]",
                "\"x\"",
                "{",
                "{\"type\":\"t\"}",
                "{\"id\":\"1\"}",
                "{\"id\":1,\"type\":\"t\"}",
                "{\"id\":\"1\",\"type\":\"t\",\"body\":[]}",
                "{\"id\":\"1\",\"type\":\"t\",\"to\":[1]}",
                "{\"id\":\"1\",\"type\":\"t\",\"created_time\":\"now\"}",
                "{\"id\":\"1\",\"type\":\"t\",\"created_time\":1.5}",
                "{\"id\":\"1\",\"type\":\"t\",\"attachments\":{}}",
                "{\"id\":\"1\",\"type\":\"t\",\"attachments\":[{\"id\":\"a\"}]}",
                "{\"id\":\"1\",\"type\":\"t\",\"attachments\":[{\"data\":{}}]}",
                "{\"id\":\"1\",\"type\":\"t\",\"attachments\":[{\"data\":{\"links\":[1]}}]}"
            })
    void rejectsMalformedWithMsgInvalid(String json) {
        assertThatThrownBy(() -> Message.parse(json))
                .isInstanceOfSatisfying(
                        DidcommException.class, e -> assertThat(e.problemCode()).isEqualTo(ProblemCode.MSG_INVALID));
    }
}
