/**
 * Validation of the Kubernetes manifests in {@code k8s/}: in flow the kustomize directories
 * ({@code k8s/overlays/*}), rendered by {@code kubectl kustomize} ({@link Kustomize}); each rendered
 * object is loaded strictly into the fabric8 Kubernetes model ({@link StrictManifestLoader}: an
 * unknown field or kind is an error); out flow the list of broken invariants ({@link Invariants}):
 * required fields, probes, resources, non-root and hardened containers, grace period versus the
 * relay's drain window, the relay endpoint from the pod IP, HPA/PDB/Service targets, the
 * NetworkPolicy on the relays' internal port and the Prometheus Adapter rules behind the HPAs'
 * custom metrics. {@code ImageIT} builds the daemonless base image and a Jib image on top of it and
 * runs them from their unpacked layers.
 */
@NullMarked
package dev.switchboard.k8s;

import org.jspecify.annotations.NullMarked;
