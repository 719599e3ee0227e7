package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidDocument.Service;
import dev.switchboard.didcomm.DidDocument.VerificationMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles a {@link DidDocument}, de-duplicating methods and relationship entries. */
final class DocumentBuilder {
    private final String did;
    private final Map<String, VerificationMethod> methods = new LinkedHashMap<>();
    private final List<String> authentication = new ArrayList<>();
    private final List<String> keyAgreement = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();

    DocumentBuilder(String did) {
        this.did = did;
    }

    String did() {
        return did;
    }

    /** The absolute form of an id or reference: {@code #frag} becomes {@code did#frag}. */
    String absolute(String idOrRef) {
        if (idOrRef.startsWith("#")) {
            return did + idOrRef;
        }
        if (idOrRef.startsWith(";")) {
            return did + idOrRef;
        }
        return idOrRef;
    }

    DocumentBuilder method(String id, String type, String controller, Multikey key) {
        String abs = absolute(id);
        methods.putIfAbsent(abs, new VerificationMethod(abs, type, controller, key.toJwk()));
        return this;
    }

    boolean hasMethod(String absoluteId) {
        return methods.containsKey(absoluteId);
    }

    DocumentBuilder authentication(String ref) {
        add(authentication, absolute(ref));
        return this;
    }

    DocumentBuilder keyAgreement(String ref) {
        add(keyAgreement, absolute(ref));
        return this;
    }

    DocumentBuilder service(Service service) {
        services.add(service);
        return this;
    }

    DidDocument build() {
        return new DidDocument(did, List.copyOf(methods.values()), authentication, keyAgreement, services);
    }

    private static void add(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }
}
