/** Placeholder: see the module's issue. */
package dev.switchboard.socketdock.protocol;
