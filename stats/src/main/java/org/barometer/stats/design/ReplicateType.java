package org.barometer.stats.design;

/** The kind of replicate weights, which fixes the default variance scale as in R's {@code svrepdesign}. */
public enum ReplicateType {
    /** Delete-one-PSU jackknife, unstratified: scale (R-1)/R unless given. */
    JK1,
    /** Stratified jackknife: one rscale per replicate, (n_h-1)/n_h. */
    JKN,
    /** Balanced repeated replication: scale 1/R. */
    BRR,
    /** Fay's modified BRR with factor rho: scale 1/(R (1-rho)^2). */
    FAY,
    /** Bootstrap: scale 1/(R-1) unless given. */
    BOOTSTRAP,
    /** Anything else: scale and rscales as given (default 1). */
    OTHER
}
