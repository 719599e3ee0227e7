package dev.switchboard.queue.redis;

import dev.switchboard.queue.QueueException;
import dev.switchboard.queue.metrics.QueueMetrics;
import dev.switchboard.queue.metrics.QueueOperation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Reports an operation's latency and turns store failures into {@link QueueException}. */
final class Timed {

    private final QueueMetrics metrics;

    Timed(QueueMetrics metrics) {
        this.metrics = metrics;
    }

    <T> CompletionStage<T> run(QueueOperation operation, String what, Supplier<CompletionStage<T>> call) {
        long start = System.nanoTime();
        CompletionStage<T> stage;
        try {
            stage = call.get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            metrics.latency(operation, System.nanoTime() - start, error == null);
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(translate(what, error));
            }
        });
        return result;
    }

    static Throwable translate(String what, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof QueueException || cause instanceof IllegalArgumentException) {
            return cause;
        }
        return new QueueException(what + " failed: " + cause.getMessage(), cause);
    }
}
