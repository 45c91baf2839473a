package org.barometer.forms.expr;

import java.util.Objects;

/**
 * The work left for evaluations under one {@link ExpressionPolicy}: each evaluation may take the policy's
 * {@link ExpressionPolicy#maxSteps()} steps, and all evaluations with this budget together its
 * {@link ExpressionPolicy#maxBatchSteps()}. Use one budget for a batch (a filter evaluated for every row of a
 * table) and a new one for the next batch. Past either limit, evaluation stops with an
 * {@link ExpressionLimitException}.
 *
 * <p>A budget counts, so it is not safe to share between threads; give each thread its own.
 */
public final class EvaluationBudget {
    private final ExpressionPolicy policy;
    private final long maxSteps;
    private final long maxBatchSteps;
    private long evaluationSteps;
    private long batchSteps;

    EvaluationBudget(ExpressionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.maxSteps = policy.maxSteps();
        this.maxBatchSteps = policy.maxBatchSteps();
    }

    /** The policy whose limits this budget enforces. */
    public ExpressionPolicy policy() {
        return policy;
    }

    /** Steps taken by every evaluation with this budget so far. */
    public long stepsUsed() {
        return batchSteps;
    }

    /** Called when an evaluation begins: its own count starts again, the batch's goes on. */
    void startEvaluation() {
        evaluationSteps = 0;
    }

    /** Takes {@code steps} steps at the node at {@code position}, or stops the evaluation if the budget is spent. */
    void take(long steps, int position) {
        evaluationSteps += steps;
        batchSteps += steps;
        if (evaluationSteps > maxSteps) {
            throw new ExpressionLimitException(ExpressionRefusal.EVALUATION_STEPS, maxSteps, position);
        }
        if (batchSteps > maxBatchSteps) {
            throw new ExpressionLimitException(ExpressionRefusal.BATCH_STEPS, maxBatchSteps, position);
        }
    }
}
