/**
 * The self-test: a visitor answers some of an edition's questions anonymously and sees the answers beside the
 * published shares of a comparison group and of everyone, as a page and as a tagged PDF; groups with a code whose
 * organiser sees the group's answers in whole batches; counters only, never part of the official statistic.
 */
package org.barometer.app.selftest;
