package org.matchup.stan;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FunctionPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.annotation.ByPtrPtr;
import org.bytedeco.javacpp.annotation.Cast;
import org.bytedeco.javacpp.annotation.Const;
import org.bytedeco.javacpp.annotation.Name;
import org.bytedeco.javacpp.annotation.Opaque;
import org.bytedeco.javacpp.annotation.Platform;

/**
 * The JavaCPP binding of {@code stan_bridge.h}, the C API over compiled Stan models and Stan's NUTS.
 *
 * <p>This is the raw native boundary: callers must pass arrays of the sizes the header states and
 * free what it says to free. {@code org.matchup.core.model.StanModel} wraps it safely. The functions
 * only read a model handle, so one handle may be used by several threads; every native call runs on
 * the calling thread, and callbacks arrive on that same thread.
 *
 * <p>Native libraries: {@code libjniStanBridge} (the JNI glue generated here) links
 * {@code libstanbridge} (the sampler, built from {@code src/main/cpp}); both are packaged in this
 * module's jar and extracted by JavaCPP's {@link Loader}.
 */
@Platform(include = "stan_bridge.h", link = "stanbridge")
public final class StanBridge {

    static {
        Loader.load();
    }

    /** Success. */
    public static final int SB_OK = 0;
    /** Failure; the error argument holds the message. */
    public static final int SB_ERROR = -1;
    /** The iteration callback asked the chain to stop. */
    public static final int SB_INTERRUPTED = 1;

    /** Message kind: written by the sampler into its output (adaptation, timing). */
    public static final int SB_MESSAGE_OUTPUT = 0;
    /** Message kind: Stan's debug level. */
    public static final int SB_MESSAGE_DEBUG = 1;
    /** Message kind: Stan's info level. */
    public static final int SB_MESSAGE_INFO = 2;
    /** Message kind: Stan's warn level. */
    public static final int SB_MESSAGE_WARN = 3;
    /** Message kind: Stan's error level. */
    public static final int SB_MESSAGE_ERROR = 4;
    /** Message kind: Stan's fatal level. */
    public static final int SB_MESSAGE_FATAL = 5;

    private StanBridge() {
    }

    /** An opaque model handle ({@code sb_model*}). */
    @Opaque
    @Name("sb_model")
    public static final class Model extends Pointer {
        static {
            Loader.load();
        }

        /** Creates a null handle, to be filled by {@link #sb_model_create}. */
        public Model() {
            super((Pointer) null);
        }
    }

    /** Receives the output column names, comma-separated. */
    public static class NamesCallback extends FunctionPointer {
        static {
            Loader.load();
        }

        /** Allocates the native function pointer that calls {@link #call}. */
        protected NamesCallback() {
            allocate();
        }

        private native void allocate();

        /**
         * @param token the value passed to {@link #sb_sample_nuts}
         * @param names the comma-separated names
         */
        public void call(@Cast("long long") long token, @Cast("const char*") BytePointer names) {
        }
    }

    /** Receives one draw. */
    public static class DrawCallback extends FunctionPointer {
        static {
            Loader.load();
        }

        /** Allocates the native function pointer that calls {@link #call}. */
        protected DrawCallback() {
            allocate();
        }

        private native void allocate();

        /**
         * @param token the value passed to {@link #sb_sample_nuts}
         * @param count the number of values
         * @param values sampler columns, then the constrained values
         */
        public void call(@Cast("long long") long token, int count, @Const DoublePointer values) {
        }
    }

    /** Receives one message from Stan. */
    public static class MessageCallback extends FunctionPointer {
        static {
            Loader.load();
        }

        /** Allocates the native function pointer that calls {@link #call}. */
        protected MessageCallback() {
            allocate();
        }

        private native void allocate();

        /**
         * @param token the value passed to {@link #sb_sample_nuts}
         * @param kind one of the {@code SB_MESSAGE_*} constants
         * @param message the text
         */
        public void call(@Cast("long long") long token, int kind, @Cast("const char*") BytePointer message) {
        }
    }

    /** Asked before each iteration whether to stop. */
    public static class IterationCallback extends FunctionPointer {
        static {
            Loader.load();
        }

        /** Allocates the native function pointer that calls {@link #call}. */
        protected IterationCallback() {
            allocate();
        }

        private native void allocate();

        /**
         * @param token the value passed to {@link #sb_sample_nuts}
         * @param iterationsDone warmup and sampling iterations finished so far
         * @return nonzero to stop the chain
         */
        public int call(@Cast("long long") long token, int iterationsDone) {
            return 0;
        }
    }

    /**
     * See {@code sb_model_create} in stan_bridge.h.
     *
     * @return {@link #SB_OK} or {@link #SB_ERROR}
     */
    public static native int sb_model_create(String libraryPath, int variableCount,
            @Cast("const char**") PointerPointer<?> names,
            @Const IntPointer isInteger, @Const IntPointer ranks, @Const IntPointer dims,
            @Const DoublePointer reals, @Const IntPointer ints, @Cast("unsigned int") int seed,
            @ByPtrPtr Model model, @Cast("char**") PointerPointer<?> error);

    /** See {@code sb_model_free}. */
    public static native void sb_model_free(Model model);

    /** See {@code sb_free_string}. */
    public static native void sb_free_string(@Cast("char*") BytePointer text);

    /** See {@code sb_model_name}. */
    public static native @Cast("const char*") BytePointer sb_model_name(@Const Model model);

    /** See {@code sb_param_count}. */
    public static native int sb_param_count(@Const Model model, int includeTransformed, int includeGenerated);

    /** See {@code sb_param_unc_count}. */
    public static native int sb_param_unc_count(@Const Model model);

    /** See {@code sb_param_names}. */
    public static native @Cast("const char*") BytePointer sb_param_names(@Const Model model,
            int includeTransformed, int includeGenerated);

    /** See {@code sb_param_unc_names}. */
    public static native @Cast("const char*") BytePointer sb_param_unc_names(@Const Model model);

    /** See {@code sb_log_density_gradient}; gradient may be null. */
    public static native int sb_log_density_gradient(@Const Model model, int propto, int jacobian,
            @Const DoublePointer thetaUnc, DoublePointer logDensity, DoublePointer gradient,
            @Cast("char**") PointerPointer<?> error);

    /** See {@code sb_param_constrain}. */
    public static native int sb_param_constrain(@Const Model model, int includeTransformed,
            int includeGenerated, @Const DoublePointer thetaUnc, DoublePointer theta,
            @Cast("unsigned int") int seed, @Cast("char**") PointerPointer<?> error);

    /** See {@code sb_param_unconstrain}. */
    public static native int sb_param_unconstrain(@Const Model model, @Const DoublePointer theta,
            DoublePointer thetaUnc, @Cast("char**") PointerPointer<?> error);

    /** See {@code sb_sample_nuts}. */
    public static native int sb_sample_nuts(@Const Model model, @Cast("unsigned int") int seed,
            @Cast("unsigned int") int chain, double initRadius, int numWarmup, int numSamples, int numThin,
            double adaptDelta, int maxTreedepth, double stepsize, @Cast("long long") long token,
            NamesCallback onNames, DrawCallback onDraw, MessageCallback onMessage,
            IterationCallback onIteration, @Cast("char**") PointerPointer<?> error);
}
