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
    /** Bootstrap: scale 1/(R-1) unless given; made from a design, R's bootweights scale (see
     * {@link ReplicateDesign#bootstrap}). */
    BOOTSTRAP,
    /** The Rao–Wu rescaling bootstrap with n-1 draws per stratum (R's subbootstrap), made from a design: scale
     * 1/(R-1). */
    SUBBOOTSTRAP,
    /** Preston's multistage rescaled bootstrap (R's mrbbootstrap), made from a design: scale 1, rscales
     * 1/(R-1). */
    MRBBOOTSTRAP,
    /** Anything else: scale and rscales as given (default 1). */
    OTHER
}
