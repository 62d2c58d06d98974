/**
 * The few classes the agent defines in the boot loader: what code woven into JDK classes calls, and
 * how every class loader finds the runtime in the agent's class loader. They refer to JDK types
 * only.
 */
package dev.weft.bootstrap;
