package dev.switchboard.k8s;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rule {@code netpol-internal}: the relays' internal port (the container port named
 * {@value #PORT_NAME}: callbacks that write to wallets' sockets) is reachable from mediator pods
 * and otherwise only from explicitly labelled monitoring pods. Precisely: some NetworkPolicy with an
 * Ingress policy type selects the relay pods; every ingress rule of such a policy that admits the
 * port names its peers (no empty {@code from}), no peer is an ipBlock, a same-namespace peer's
 * podSelector selects mediator pods and no relay pods, a peer with a namespaceSelector has
 * non-empty namespace and pod selectors; and at least one rule admits the mediators.
 */
final class RelayNetworkPolicy {
    static final String PORT_NAME = "internal";

    private RelayNetworkPolicy() {}

    static List<String> check(List<HasMetadata> objects, List<Workload> workloads) {
        List<String> v = new ArrayList<>();
        Optional<Workload> relay = find(workloads, Invariants.RELAY);
        Optional<Workload> mediator = find(workloads, Invariants.MEDIATOR);
        if (relay.isEmpty() || mediator.isEmpty()) {
            v.add("netpol-internal: the render needs Deployment/" + Invariants.RELAY + " and Deployment/"
                    + Invariants.MEDIATOR);
            return v;
        }
        Map<String, String> relayLabels = relay.get().podLabels();
        Map<String, String> mediatorLabels = mediator.get().podLabels();
        Optional<Integer> port = relay.get().template().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
                .filter(p -> PORT_NAME.equals(p.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst();
        if (port.isEmpty()) {
            v.add("netpol-internal: " + relay.get().id() + " has no container port named " + PORT_NAME);
            return v;
        }
        List<NetworkPolicy> policies = objects.stream()
                .filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast)
                .filter(n ->
                        n.getSpec() != null && Selectors.matches(n.getSpec().getPodSelector(), relayLabels))
                .filter(n -> n.getSpec().getPolicyTypes() == null
                        ? n.getSpec().getIngress() != null
                        : n.getSpec().getPolicyTypes().contains("Ingress"))
                .toList();
        if (policies.isEmpty()) {
            v.add("netpol-internal: no NetworkPolicy with policyTypes Ingress selects the relay pods");
            return v;
        }
        boolean mediatorsAdmitted = false;
        for (NetworkPolicy n : policies) {
            String id = "netpol-internal: NetworkPolicy/" + n.getMetadata().getName() + ": ";
            List<NetworkPolicyIngressRule> rules =
                    n.getSpec().getIngress() == null ? List.of() : n.getSpec().getIngress();
            for (NetworkPolicyIngressRule r : rules) {
                if (!admits(r, port.get())) {
                    continue;
                }
                if (r.getFrom() == null || r.getFrom().isEmpty()) {
                    v.add(id + "a rule admits port " + port.get() + " from anywhere");
                    continue;
                }
                for (NetworkPolicyPeer p : r.getFrom()) {
                    if (p.getIpBlock() != null) {
                        v.add(id + "an ipBlock peer reaches port " + port.get());
                    } else if (p.getNamespaceSelector() != null) {
                        if (Selectors.isEmpty(p.getNamespaceSelector())
                                || Selectors.isEmpty(p.getPodSelector())
                                || p.getPodSelector() == null) {
                            v.add(id + "a namespaceSelector peer needs non-empty namespace and pod selectors");
                        }
                    } else if (p.getPodSelector() == null
                            || Selectors.isEmpty(p.getPodSelector())
                            || Selectors.matches(p.getPodSelector(), relayLabels)
                            || !Selectors.matches(p.getPodSelector(), mediatorLabels)) {
                        v.add(id + "a podSelector peer on port " + port.get() + " must select mediators only");
                    } else {
                        mediatorsAdmitted = true;
                    }
                }
            }
        }
        if (!mediatorsAdmitted) {
            v.add("netpol-internal: no rule admits the mediator pods to the relays' port " + port.get());
        }
        return v;
    }

    private static boolean admits(NetworkPolicyIngressRule r, int port) {
        if (r.getPorts() == null || r.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : r.getPorts()) {
            if (p.getPort() == null) {
                return true;
            }
            if (p.getPort().getStrVal() != null) {
                if (PORT_NAME.equals(p.getPort().getStrVal())) {
                    return true;
                }
            } else {
                int from = p.getPort().getIntVal();
                int to = p.getEndPort() == null ? from : p.getEndPort();
                if (port >= from && port <= to) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Workload> find(List<Workload> workloads, String name) {
        return workloads.stream()
                .filter(w -> w.name().equals(name)
                        && w.template() != null
                        && w.template().getSpec() != null)
                .findFirst();
    }
}
