/**
 * Correlation across threads: executors, schedulers and hand-made tasks run in the
 * context of the code that submitted them, and leave nothing behind.
 */
@NullMarked
package io.github.correlation.task;

import org.jspecify.annotations.NullMarked;
