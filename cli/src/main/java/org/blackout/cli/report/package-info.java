/**
 * The demo's outputs beyond the timeline: {@link org.blackout.cli.report.DetectionRun} replays the
 * simulated files through the pipeline with the detectors and {@link org.blackout.cli.report.HtmlReport}
 * writes the self-contained {@code report.html} (visibility and churn plots with event bands).
 */
package org.blackout.cli.report;
