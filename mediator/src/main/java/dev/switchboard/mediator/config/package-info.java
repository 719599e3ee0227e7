/**
 * Configuration: one {@code @ConfigMapping} interface per prefix ({@code switchboard.mediator}, {@code
 * switchboard.redis}, {@code switchboard.relay}, {@code switchboard.mailbox}, {@code switchboard.admin}, {@code switchboard.quota}, ...), each property documented with
 * its default.
 */
@NullMarked
package dev.switchboard.mediator.config;

import org.jspecify.annotations.NullMarked;
