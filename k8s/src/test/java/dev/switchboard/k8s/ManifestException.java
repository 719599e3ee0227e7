package dev.switchboard.k8s;

/** A rendered document that is not a valid object of a supported kind (unknown field, bad type, unknown kind). */
final class ManifestException extends Exception {
    private static final long serialVersionUID = 1L;

    ManifestException(String message, Throwable cause) {
        super(message, cause);
    }

    ManifestException(String message) {
        super(message);
    }
}
