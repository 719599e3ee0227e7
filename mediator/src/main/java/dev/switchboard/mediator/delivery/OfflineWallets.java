package dev.switchboard.mediator.delivery;

/**
 * The port through which delivery says that messages wait for a wallet that has no live socket, and when a
 * wallet's socket closed (implemented by {@code push}, which may wake the wallet's device). Called on the push thread, never before the sender's
 * acknowledgement is decided; implementations return quickly (no provider I/O on the caller's thread).
 */
public interface OfflineWallets {

    /**
     * Messages wait for the wallet and no route to it exists.
     *
     * @param conn the wallet's connection key
     */
    void messagesWaiting(String conn);

    /**
     * A socket that carried the wallet closed: the wallet was active until now (it may be reconnecting).
     *
     * @param conn the wallet's connection key
     */
    void socketClosed(String conn);
}
