/**
 * The route table: which live sockets reach a recipient, and which relay instances are alive.
 *
 * <p>In: the mediator's relay backend ({@code POST /socketdock/connect|message|disconnect|heartbeat})
 * records a {@link dev.switchboard.queue.route.Route} when a wallet's message arrives on a socket,
 * removes routes on disconnect or a failed {@code send} callback, and records each relay instance's
 * heartbeat. Out: {@link dev.switchboard.queue.route.RouteTable#routes} answers the live routes of a
 * recipient, newest first; routes of an instance whose heartbeat lapsed, or whose own lease ended,
 * are never returned. Heartbeats that carry a socket count also feed {@link
 * dev.switchboard.queue.route.RouteTable#relays()}, the alive relays with their sockets (operators' figures).
 */
@NullMarked
package dev.switchboard.queue.route;

import org.jspecify.annotations.NullMarked;
