/**
 * Stratified simple random sampling without replacement: allocation (proportional, Neyman, fixed, take-all)
 * with a minimum per stratum, selection reproducible from a seed, and the design information the estimation
 * needs (N_h, n_h, inclusion probabilities) stored with the sample.
 */
package org.barometer.app.sample;
