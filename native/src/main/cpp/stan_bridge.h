/*
 * stan_bridge.h: a small C API over a compiled Stan 2.21 model and Stan's NUTS sampler.
 *
 * A model is a shared library made by stan/toolchain/stan-toolchain.sh; it exports
 * `matchup_new_model`, which returns the model behind Stan's virtual `stan::model::model_base`.
 * This library holds the sampler, compiled once, and serves every such model.
 *
 * Conventions:
 *  - Functions that can fail return 0 on success and a nonzero code on failure; on failure they set
 *    *error to a message allocated here, which the caller frees with sb_free_string. No C++
 *    exception crosses this API.
 *  - Arrays are owned by the caller and must have the sizes stated; the library never keeps them.
 *  - Strings returned without an error argument are owned by the model and live as long as it does.
 *  - A model handle may be used from several threads at once: every function here only reads it.
 *    Each thread gets its own autodiff tape.
 */
#ifndef MATCHUP_STAN_BRIDGE_H
#define MATCHUP_STAN_BRIDGE_H

#ifdef __cplusplus
extern "C" {
#endif

/** An opaque handle: a model instantiated with its data. */
typedef struct sb_model sb_model;

/** Return codes. */
#define SB_OK 0
#define SB_ERROR -1
#define SB_INTERRUPTED 1

/** Kinds of message passed to sb_message_callback. */
#define SB_MESSAGE_OUTPUT 0 /* written by the sampler into its output (adaptation, timing) */
#define SB_MESSAGE_DEBUG 1
#define SB_MESSAGE_INFO 2
#define SB_MESSAGE_WARN 3
#define SB_MESSAGE_ERROR 4
#define SB_MESSAGE_FATAL 5

/**
 * Loads the model library at library_path and instantiates the model with data.
 *
 * The data are n_variables named variables. Variable v has name names[v], is an integer variable
 * when is_integer[v] != 0, has ranks[v] dimensions, taken in turn from dims. Its values are taken in
 * turn from reals or ints, in column-major order (the first index varies fastest), as Stan reads them.
 *
 * @param seed seeds the random numbers of the model's transformed data
 * @param model receives the new model; free it with sb_model_free
 * @return SB_OK or SB_ERROR with *error set
 */
int sb_model_create(const char* library_path, int n_variables, const char** names,
                    const int* is_integer, const int* ranks, const int* dims, const double* reals,
                    const int* ints, unsigned int seed, sb_model** model, char** error);

/** Frees a model; NULL is ignored. The model library stays loaded for other models. */
void sb_model_free(sb_model* model);

/** Frees a message returned through an error argument; NULL is ignored. */
void sb_free_string(char* text);

/** The model's name as given to stanc. Owned by the model. */
const char* sb_model_name(const sb_model* model);

/**
 * Number of constrained values one draw has: the parameters, plus transformed parameters and
 * generated quantities when asked for.
 */
int sb_param_count(const sb_model* model, int include_transformed, int include_generated);

/** Number of unconstrained parameters: the dimension the sampler works in. */
int sb_param_unc_count(const sb_model* model);

/**
 * Comma-separated names of the constrained values, with CmdStan's dotted indexes
 * (`beta_off.3.5`), in output order. Owned by the model.
 */
const char* sb_param_names(const sb_model* model, int include_transformed, int include_generated);

/** Comma-separated names of the unconstrained parameters. Owned by the model. */
const char* sb_param_unc_names(const sb_model* model);

/**
 * Log density at unconstrained theta (length sb_param_unc_count), and its gradient when gradient is
 * not NULL. propto drops constant terms; jacobian adds the log Jacobian of the constraining
 * transform.
 */
int sb_log_density_gradient(const sb_model* model, int propto, int jacobian, const double* theta_unc,
                            double* log_density, double* gradient, char** error);

/**
 * Maps unconstrained theta_unc to constrained values theta (length sb_param_count with the same
 * flags). seed drives the generated quantities' random numbers.
 */
int sb_param_constrain(const sb_model* model, int include_transformed, int include_generated,
                       const double* theta_unc, double* theta, unsigned int seed, char** error);

/** Maps constrained parameters theta (length sb_param_count(model, 0, 0)) to unconstrained ones. */
int sb_param_unconstrain(const sb_model* model, const double* theta, double* theta_unc, char** error);

/** Receives the output column names, comma-separated, once before the first draw. */
typedef void (*sb_names_callback)(long long token, const char* names);
/** Receives one draw: sampler columns (lp__ ... energy__) then the constrained values. */
typedef void (*sb_draw_callback)(long long token, int count, const double* values);
/** Receives one message; kind is one of SB_MESSAGE_*. */
typedef void (*sb_message_callback)(long long token, int kind, const char* message);
/**
 * Called before each iteration with the number of iterations done (warmup first, then sampling).
 * A nonzero return stops the chain: sb_sample_nuts then returns SB_INTERRUPTED.
 */
typedef int (*sb_iteration_callback)(long long token, int iterations_done);

/**
 * Runs one chain of Stan's NUTS with a diagonal metric and windowed adaptation
 * (stan::services::sample::hmc_nuts_diag_e_adapt) on the calling thread.
 *
 * Chains with the same seed and different chain ids get independent random streams, derived by
 * Stan from (seed, chain). Initial values are drawn uniformly on (-init_radius, init_radius) on
 * the unconstrained scale. Adaptation uses Stan's defaults (gamma 0.05, kappa 0.75, t0 10, buffers
 * 75 / 50 / 25). token is passed back unchanged to every callback.
 *
 * @return SB_OK, SB_INTERRUPTED when the iteration callback asked to stop, or SB_ERROR with *error
 *         set (for example when no initial value with a finite density could be found)
 */
int sb_sample_nuts(const sb_model* model, unsigned int seed, unsigned int chain, double init_radius,
                   int num_warmup, int num_samples, int num_thin, double adapt_delta,
                   int max_treedepth, double stepsize, long long token,
                   sb_names_callback on_names, sb_draw_callback on_draw,
                   sb_message_callback on_message, sb_iteration_callback on_iteration,
                   char** error);

#ifdef __cplusplus
}
#endif

#endif /* MATCHUP_STAN_BRIDGE_H */
