package dev.switchboard.mediator.message;

import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.ProblemCode;
import io.quarkus.arc.ClientProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The message types the mediator handles, built from the {@link Serves} and {@link Handles} declarations of
 * every {@link ProtocolHandler} bean: routes a message to the method declared for its type (doc URI, protocol,
 * MAJOR version, name); a message of a protocol not served gets an {@code e.p.msg.unsupported} report, an
 * unhandled name of a served protocol that problem as a {@link MediatorProblem}. Also lists what is served for
 * discover-features.
 */
@ApplicationScoped
public class HandlerRegistry {
    private final Map<String, Served> byProtocol = new LinkedHashMap<>();
    private final Map<String, Declared> byType = new LinkedHashMap<>();

    /**
     * A PIURI served with the mediator's roles in it.
     *
     * @param generations the DIDComm generations it is served over
     */
    public record Served(Piuri piuri, List<String> roles, Set<DidcommVersion> generations) {}

    /**
     * One declared handler method.
     *
     * @param type the message type of its {@link Handles}
     * @param method the method, on the bean class
     * @param bean the bean instance it is invoked on
     */
    public record Declared(MessageType type, Method method, Object bean) {}

    /**
     * @param handlers every {@link ProtocolHandler} bean
     * @throws IllegalStateException when two declarations claim one protocol version or message type, a type's
     *     protocol is not declared by its class, or a method has not the {@code Handled m(InboundMessage)} shape
     */
    public HandlerRegistry(Instance<ProtocolHandler> handlers) {
        for (Instance.Handle<ProtocolHandler> handle : handlers.handles()) {
            Class<?> beanClass = handle.getBean().getBeanClass();
            Object bean = ClientProxy.unwrap(handle.get());
            for (Serves serves : beanClass.getAnnotationsByType(Serves.class)) {
                Served served =
                        new Served(Piuri.of(serves.value()), List.of(serves.roles()), Set.of(serves.generations()));
                claim(byProtocol, served.piuri().majorKey(), served, beanClass);
            }
            for (Method method : beanClass.getDeclaredMethods()) {
                for (Handles handles : method.getAnnotationsByType(Handles.class)) {
                    MessageType type = MessageType.of(handles.value());
                    if (!handles.value().equals(type.toString())
                            || method.getReturnType() != Handled.class
                            || !List.of(method.getParameterTypes()).equals(List.of(InboundMessage.class))
                            || !byProtocol.containsKey(type.piuri().majorKey())) {
                        throw new IllegalStateException("@Handles(" + handles.value() + ") on " + method
                                + ": expected Handled m(InboundMessage) of a @Serves protocol, https form");
                    }
                    method.setAccessible(true);
                    claim(byType, key(type), new Declared(type, method, bean), beanClass);
                }
            }
        }
    }

    private static <T> void claim(Map<String, T> map, String key, T value, Class<?> by) {
        if (map.putIfAbsent(key, value) != null) {
            throw new IllegalStateException(key + " declared twice, again by " + by);
        }
    }

    private static String key(MessageType type) {
        return type.piuri().majorKey() + "/" + type.name();
    }

    /**
     * Handles a message with the method declared for its type, or answers unsupported.
     *
     * @return what the handler produced; a {@link MediatorProblem} it throws propagates (never for a problem
     *     report, which is never answered with one)
     */
    public Handled handle(InboundMessage message) {
        Served served = byProtocol.get(message.type().piuri().majorKey());
        if (served == null || !served.generations().contains(message.generation())) {
            return isProblemReport(message) ? Handled.NOTHING : Handled.reply(ProblemReports.unsupported(message));
        }
        Declared declared = byType.get(key(message.type()));
        try {
            if (declared == null) {
                throw new MediatorProblem(
                        ProblemCode.MSG_UNSUPPORTED, "the mediator does not accept " + message.type());
            }
            return (Handled) declared.method().invoke(declared.bean(), message);
        } catch (MediatorProblem problem) {
            if (isProblemReport(message)) {
                return Handled.NOTHING;
            }
            throw problem;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof MediatorProblem && isProblemReport(message)) {
                return Handled.NOTHING;
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for any protocol's problem report ({@code problem-report}, Credo's {@code problem_report}). */
    private static boolean isProblemReport(InboundMessage message) {
        String name = message.type().name();
        return name.equals("problem-report") || name.equals("problem_report");
    }

    /** Every PIURI served, with roles, in registration order. */
    public List<Served> served() {
        return List.copyOf(byProtocol.values());
    }

    /** Every declared handler method, in registration order. */
    public List<Declared> declared() {
        return new ArrayList<>(byType.values());
    }
}
