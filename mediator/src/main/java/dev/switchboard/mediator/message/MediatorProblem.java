package dev.switchboard.mediator.message;

import dev.switchboard.didcomm.ProblemCode;
import java.util.Objects;

/**
 * A message the mediator refuses: carries the problem code of the report the sender gets. Thrown by handlers,
 * turned into a {@code problem-report} by {@link ProblemReports} in the dispatcher, never elsewhere.
 *
 * <p>The message is the report's {@code description.en}: say what was wrong, never which keys exist.
 */
public final class MediatorProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemCode code;

    /**
     * @param code the problem code, see {@link ProblemReports} and {@code mediator/docs/problem-reports.md}
     * @param description safe to show the sender
     */
    public MediatorProblem(ProblemCode code, String description) {
        super(description, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The problem code. */
    public ProblemCode code() {
        return code;
    }
}
