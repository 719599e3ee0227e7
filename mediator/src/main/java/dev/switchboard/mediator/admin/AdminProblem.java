package dev.switchboard.mediator.admin;

/** An admin API failure carrying its RFC 9457 problem type; answered by {@link AdminProblemMapper}. */
public final class AdminProblem extends RuntimeException {
    private final Problem.Type type;

    /**
     * @param type the problem type (and so the HTTP status)
     * @param detail what went wrong, shown to the caller: never message content or keys
     */
    public AdminProblem(Problem.Type type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    /** The problem type. */
    public Problem.Type type() {
        return type;
    }
}
