/**
 * CPU accounting of the processes behind a side of a comparison run, and the table that compares sides. In: the
 * process ids of a side (the in-JVM cluster's children and their descendants, or {@code loadtest.cpuPids} for
 * a system started outside the load generator, such as Credo's mediator), {@code /proc/<pid>/stat} and {@code
 * /proc/loadavg} at the first and the last forward, and the JSON reports each load-generator run writes. Out:
 * a {@link dev.switchboard.loadtest.figures.CpuWindow.Figures} object in each report (CPU ms per process over
 * the sending window, load average) and the Markdown table {@link dev.switchboard.loadtest.figures.SideBySide}
 * prints from several reports ({@code loadtest/run peer}, {@code loadtest/bench/push-cost.sh}).
 */
@NullMarked
package dev.switchboard.loadtest.figures;

import org.jspecify.annotations.NullMarked;
