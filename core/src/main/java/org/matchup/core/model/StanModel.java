package org.matchup.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.matchup.stan.StanBridge;

/**
 * A Stan model instantiated with its data, in this process: log density and gradient, transforms
 * between the constrained and unconstrained scales, and the handle that {@code NutsSampler} samples.
 *
 * <p>Thread safe: any number of threads may evaluate the model at once (each gets its own autodiff
 * tape). {@link #close()} waits for calls in progress and then frees the native model; later calls
 * throw {@link IllegalStateException}.
 */
public final class StanModel implements AutoCloseable {

    static {
        // The JNI library also holds JavaCPP's own natives (PointerPointer and friends): load it first.
        Loader.load(StanBridge.class);
    }

    private final ModelLibrary library;
    private final StanBridge.Model handle;
    private final String name;
    private final int unconstrainedDimension;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private StanModel(ModelLibrary library, StanBridge.Model handle) {
        this.library = library;
        this.handle = handle;
        this.name = StanBridge.sb_model_name(handle).getString();
        this.unconstrainedDimension = StanBridge.sb_param_unc_count(handle);
    }

    /**
     * Loads a model with its data; the transformed data's random numbers use seed 0.
     *
     * @param library the compiled model
     * @param data the variables of its data block
     * @return the model
     * @throws StanException if Stan rejects the data (a missing variable, a wrong size, a bound violated)
     */
    public static StanModel load(ModelLibrary library, StanData data) {
        return load(library, data, 0);
    }

    /**
     * Loads a model with its data.
     *
     * @param library the compiled model
     * @param data the variables of its data block
     * @param seed seeds the random numbers of the transformed data block
     * @return the model
     * @throws StanException if Stan rejects the data
     */
    public static StanModel load(ModelLibrary library, StanData data, int seed) {
        List<StanData.Variable> variables = data.variables();
        int count = variables.size();
        int[] isInteger = new int[count];
        int[] ranks = new int[count];
        int dimCount = 0;
        int realCount = 0;
        int intCount = 0;
        for (int v = 0; v < count; v++) {
            StanData.Variable variable = variables.get(v);
            isInteger[v] = variable.isInteger() ? 1 : 0;
            ranks[v] = variable.dims().length;
            dimCount += ranks[v];
            if (variable.isInteger()) {
                intCount += variable.size();
            } else {
                realCount += variable.size();
            }
        }

        // Flatten every variable, column-major, into one array per kind, as stan_bridge.h wants.
        int[] dims = new int[dimCount];
        double[] reals = new double[realCount];
        int[] ints = new int[intCount];
        int dimAt = 0;
        int realAt = 0;
        int intAt = 0;
        String[] names = new String[count];
        for (int v = 0; v < count; v++) {
            StanData.Variable variable = variables.get(v);
            names[v] = variable.name();
            for (int d : variable.dims()) {
                dims[dimAt++] = d;
            }
            if (variable.isInteger()) {
                int[] values = StanData.columnMajorInts(variable);
                System.arraycopy(values, 0, ints, intAt, values.length);
                intAt += values.length;
            } else {
                double[] values = StanData.columnMajorReals(variable);
                System.arraycopy(values, 0, reals, realAt, values.length);
                realAt += values.length;
            }
        }

        try (PointerPointer<BytePointer> namePointers = new PointerPointer<>(names);
             IntPointer isIntegerPointer = new IntPointer(isInteger);
             IntPointer ranksPointer = new IntPointer(ranks);
             IntPointer dimsPointer = new IntPointer(Math.max(1, dims.length)).put(dims);
             DoublePointer realsPointer = new DoublePointer(Math.max(1, reals.length)).put(reals);
             IntPointer intsPointer = new IntPointer(Math.max(1, ints.length)).put(ints);
             PointerPointer<BytePointer> error = new PointerPointer<>(1)) {
            StanBridge.Model handle = new StanBridge.Model();
            int code = StanBridge.sb_model_create(library.path().toString(), count, namePointers, isIntegerPointer,
                    ranksPointer, dimsPointer, realsPointer, intsPointer, seed, handle, error);
            if (code != StanBridge.SB_OK) {
                throw new StanException("cannot load model " + library.name() + ": " + takeError(error));
            }
            return new StanModel(library, handle);
        }
    }

    /** @return the model's name as stanc gave it, such as {@code matchup_specific_model} */
    public String name() {
        return name;
    }

    /** @return the library this model was loaded from */
    public ModelLibrary library() {
        return library;
    }

    /** @return the number of unconstrained parameters: the dimension the sampler works in */
    public int unconstrainedDimension() {
        return unconstrainedDimension;
    }

    /**
     * @param includeTransformed include transformed parameters
     * @param includeGenerated include generated quantities
     * @return the constrained names in output order, with CmdStan's dotted indexes
     */
    public List<String> parameterNames(boolean includeTransformed, boolean includeGenerated) {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return splitNames(StanBridge.sb_param_names(handle, flag(includeTransformed), flag(includeGenerated))
                    .getString());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** @return the names of the unconstrained parameters */
    public List<String> unconstrainedParameterNames() {
        lifecycle.readLock().lock();
        try {
            checkOpen();
            return splitNames(StanBridge.sb_param_unc_names(handle).getString());
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Log density at an unconstrained point.
     *
     * @param thetaUnconstrained the point, of length {@link #unconstrainedDimension()}
     * @param propto drop terms that do not depend on the parameters
     * @param jacobian add the log Jacobian of the constraining transform
     * @return the log density
     * @throws StanException if Stan cannot evaluate it (for example a {@code reject})
     */
    public double logDensity(double[] thetaUnconstrained, boolean propto, boolean jacobian) {
        return logDensityGradient(thetaUnconstrained, null, propto, jacobian);
    }

    /**
     * Log density and its gradient at an unconstrained point.
     *
     * @param thetaUnconstrained the point, of length {@link #unconstrainedDimension()}
     * @param gradient receives the gradient (length {@link #unconstrainedDimension()}); may be null
     * @param propto drop terms that do not depend on the parameters
     * @param jacobian add the log Jacobian of the constraining transform
     * @return the log density
     * @throws StanException if Stan cannot evaluate it
     */
    public double logDensityGradient(double[] thetaUnconstrained, double[] gradient, boolean propto,
            boolean jacobian) {
        checkLength("thetaUnconstrained", thetaUnconstrained, unconstrainedDimension);
        if (gradient != null) {
            checkLength("gradient", gradient, unconstrainedDimension);
        }
        lifecycle.readLock().lock();
        try (DoublePointer theta = pointerOf(thetaUnconstrained);
             DoublePointer logDensity = new DoublePointer(1);
             DoublePointer gradientPointer = gradient == null ? null : new DoublePointer(Math.max(1, gradient.length));
             PointerPointer<BytePointer> error = new PointerPointer<>(1)) {
            checkOpen();
            int code = StanBridge.sb_log_density_gradient(handle, flag(propto), flag(jacobian), theta, logDensity,
                    gradientPointer, error);
            if (code != StanBridge.SB_OK) {
                throw new StanException("log density of " + name + " failed: " + takeError(error));
            }
            if (gradient != null) {
                gradientPointer.get(gradient);
            }
            return logDensity.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Maps an unconstrained point to constrained values.
     *
     * @param thetaUnconstrained the point, of length {@link #unconstrainedDimension()}
     * @param includeTransformed include transformed parameters
     * @param includeGenerated include generated quantities
     * @param seed seeds the generated quantities' random numbers
     * @return the constrained values, in the order of {@link #parameterNames}
     */
    public double[] constrain(double[] thetaUnconstrained, boolean includeTransformed, boolean includeGenerated,
            int seed) {
        checkLength("thetaUnconstrained", thetaUnconstrained, unconstrainedDimension);
        lifecycle.readLock().lock();
        try (PointerPointer<BytePointer> error = new PointerPointer<>(1)) {
            checkOpen();
            int count = StanBridge.sb_param_count(handle, flag(includeTransformed), flag(includeGenerated));
            try (DoublePointer theta = pointerOf(thetaUnconstrained);
                 DoublePointer out = new DoublePointer(Math.max(1, count))) {
                int code = StanBridge.sb_param_constrain(handle, flag(includeTransformed), flag(includeGenerated),
                        theta, out, seed, error);
                if (code != StanBridge.SB_OK) {
                    throw new StanException("constraining parameters of " + name + " failed: " + takeError(error));
                }
                double[] result = new double[count];
                out.get(result);
                return result;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Maps constrained parameter values to the unconstrained scale.
     *
     * @param theta the parameters (no transformed parameters or generated quantities), in output order
     * @return the unconstrained point
     * @throws StanException if a value violates its constraint
     */
    public double[] unconstrain(double[] theta) {
        lifecycle.readLock().lock();
        try (PointerPointer<BytePointer> error = new PointerPointer<>(1)) {
            checkOpen();
            checkLength("theta", theta, StanBridge.sb_param_count(handle, 0, 0));
            try (DoublePointer in = pointerOf(theta);
                 DoublePointer out = new DoublePointer(Math.max(1, unconstrainedDimension))) {
                int code = StanBridge.sb_param_unconstrain(handle, in, out, error);
                if (code != StanBridge.SB_OK) {
                    throw new StanException("unconstraining parameters of " + name + " failed: " + takeError(error));
                }
                double[] result = new double[unconstrainedDimension];
                out.get(result);
                return result;
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Runs one chain of Stan's NUTS (diagonal metric, windowed adaptation:
     * {@code stan::services::sample::hmc_nuts_diag_e_adapt}) on the calling thread. Chains given the same
     * seed and different chain ids draw independent random streams, which Stan derives from (seed, chain).
     *
     * @param settings the chain's settings
     * @param callbacks receives the column names, the draws, Stan's messages and each iteration
     * @return true when the chain finished, false when {@link ChainCallbacks#onIteration} stopped it
     * @throws StanException if Stan fails (no initial value with a finite density, for example)
     * @throws RuntimeException whatever a callback threw, rethrown after the chain stopped
     */
    public boolean sampleNuts(NutsChainSettings settings, ChainCallbacks callbacks) {
        NativeCallbacks.Registration registration = new NativeCallbacks.Registration(callbacks);
        long token = NativeCallbacks.register(registration);
        lifecycle.readLock().lock();
        try (PointerPointer<BytePointer> error = new PointerPointer<>(1)) {
            checkOpen();
            int code = StanBridge.sb_sample_nuts(handle, (int) settings.seed(), settings.chainId(),
                    settings.initRadius(), settings.warmup(), settings.draws(), settings.thin(), settings.adaptDelta(),
                    settings.maxTreedepth(), settings.stepSize(), token, NativeCallbacks.NAMES, NativeCallbacks.DRAW,
                    NativeCallbacks.MESSAGE, NativeCallbacks.ITERATION, error);
            if (registration.failure != null) {
                if (registration.failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (registration.failure instanceof Error fatal) {
                    throw fatal;
                }
                throw new IllegalStateException(registration.failure.getMessage(), registration.failure);
            }
            if (code == StanBridge.SB_ERROR) {
                throw new StanException("sampling " + name + " failed: " + takeError(error));
            }
            return code == StanBridge.SB_OK;
        } finally {
            lifecycle.readLock().unlock();
            NativeCallbacks.unregister(token);
        }
    }

    /** Frees the native model; waits for calls in progress. Idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                StanBridge.sb_model_free(handle);
            }
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /**
     * Reads and frees a message returned through a {@code char**} error argument.
     *
     * @param error the argument after the call
     * @return the message
     */
    static String takeError(PointerPointer<BytePointer> error) {
        BytePointer message = error.get(BytePointer.class, 0);
        if (message == null || message.isNull()) {
            return "unknown error (no message from Stan)";
        }
        String text = message.getString();
        StanBridge.sb_free_string(message);
        return text;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("model " + name + " is closed");
        }
    }

    private static DoublePointer pointerOf(double[] values) {
        return new DoublePointer(Math.max(1, values.length)).put(values);
    }

    private static void checkLength(String argument, double[] values, int expected) {
        if (values.length != expected) {
            throw new IllegalArgumentException(argument + " has length " + values.length + ", expected " + expected);
        }
    }

    private static int flag(boolean value) {
        return value ? 1 : 0;
    }

    private static List<String> splitNames(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
