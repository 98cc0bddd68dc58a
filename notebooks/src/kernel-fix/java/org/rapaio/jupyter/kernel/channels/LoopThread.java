// Patched copy of rapaio-jupyter-kernel 3.0.1's LoopThread (MIT licence, Copyright 2023-2026 Aurelian
// Tutuianu; https://github.com/padreati/rapaio-jupyter-kernel). install-kernel.sh puts these classes
// before the kernel jar on the kernel's class path. See notebooks/README.md, "Kernel starts".
// Change: running is set before the thread starts, not after.
package org.rapaio.jupyter.kernel.channels;

/**
 * Thread which runs in loop the loop body after each waiting period.
 */
public final class LoopThread extends Thread {

    private volatile boolean running = false;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        // newslens fix: 3.0.1 set running after super.start(), so a thread that ran before the
        // assignment found running == false and ended at once, silently: a dead shell, control or
        // heartbeat loop with its port still bound.
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
