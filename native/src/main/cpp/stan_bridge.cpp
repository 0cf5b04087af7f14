// Implementation of stan_bridge.h: model loading, log density, transforms and NUTS for any model
// compiled against the same Stan headers, reached through stan::model::model_base.
#include "stan_bridge.h"

#include <stan/callbacks/interrupt.hpp>
#include <stan/callbacks/logger.hpp>
#include <stan/callbacks/writer.hpp>
#include <stan/io/array_var_context.hpp>
#include <stan/io/empty_var_context.hpp>
#include <stan/math.hpp>
#include <stan/model/log_prob_grad.hpp>
#include <stan/model/model_base.hpp>
#include <stan/services/sample/hmc_nuts_diag_e_adapt.hpp>

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

using model_factory = stan::model::model_base* (*)(stan::io::var_context&, unsigned int,
                                                    std::ostream*);

struct sb_model {
  std::unique_ptr<stan::model::model_base> model;
  std::string name;
  std::string param_names[4];  // indexed by include_transformed + 2 * include_generated
  int param_counts[4];
  std::string unc_names;
};

namespace {

char* copy_string(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy != nullptr) {
    std::memcpy(copy, text.c_str(), text.size() + 1);
  }
  return copy;
}

void set_error(char** error, const std::string& message) {
  if (error != nullptr) {
    *error = copy_string(message);
  }
}

// Every thread that evaluates a gradient needs an autodiff tape of its own; only the thread that
// loaded the library gets one from Stan's static initialiser.
void ensure_tape() {
  static thread_local stan::math::ChainableStack tape;
  (void)tape;
}

// Model libraries carry their own copies of Stan's inline and template symbols, among them the
// thread-local pointer to the autodiff tape. Making this library's symbols global before the
// first model is opened binds every model to the one tape per thread owned here.
std::string promote_self_to_global() {
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(&promote_self_to_global), &info) == 0) {
      failure = "cannot locate the bridge library itself";
      return;
    }
    if (dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_GLOBAL) == nullptr) {
      failure = std::string("cannot make the bridge library global: ") + dlerror();
    }
  });
  return failure;
}

std::string join(const std::vector<std::string>& names) {
  std::string joined;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      joined += ',';
    }
    joined += names[i];
  }
  return joined;
}

stan::io::array_var_context make_context(int n_variables, const char** names,
                                         const int* is_integer, const int* ranks, const int* dims,
                                         const double* reals, const int* ints) {
  std::vector<std::string> names_r, names_i;
  std::vector<double> values_r;
  std::vector<int> values_i;
  std::vector<std::vector<size_t>> dims_r, dims_i;
  for (int v = 0; v < n_variables; ++v) {
    std::vector<size_t> shape;
    size_t size = 1;
    for (int k = 0; k < ranks[v]; ++k) {
      if (*dims < 0) {
        throw std::invalid_argument(std::string("negative dimension for data variable ") +
                                    names[v]);
      }
      shape.push_back(static_cast<size_t>(*dims));
      size *= static_cast<size_t>(*dims++);
    }
    if (is_integer[v] != 0) {
      names_i.emplace_back(names[v]);
      values_i.insert(values_i.end(), ints, ints + size);
      ints += size;
      dims_i.push_back(shape);
    } else {
      names_r.emplace_back(names[v]);
      values_r.insert(values_r.end(), reals, reals + size);
      reals += size;
      dims_r.push_back(shape);
    }
  }
  return stan::io::array_var_context(names_r, values_r, dims_r, names_i, values_i, dims_i);
}

std::string with_messages(const std::string& what, const std::ostringstream& messages) {
  std::string text = messages.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text.empty() ? what : what + " (model messages: " + text + ")";
}

// Thrown by the interrupt callback to unwind the sampler when Java asks a chain to stop.
struct interrupted_error : std::exception {
  const char* what() const noexcept override { return "interrupted"; }
};

class java_writer : public stan::callbacks::writer {
 public:
  java_writer(long long token, sb_names_callback on_names, sb_draw_callback on_draw,
              sb_message_callback on_message)
      : token_(token), on_names_(on_names), on_draw_(on_draw), on_message_(on_message) {}

  void operator()(const std::vector<std::string>& names) override {
    on_names_(token_, join(names).c_str());
  }
  void operator()(const std::vector<double>& state) override {
    on_draw_(token_, static_cast<int>(state.size()), state.data());
  }
  void operator()() override { on_message_(token_, SB_MESSAGE_OUTPUT, ""); }
  void operator()(const std::string& message) override {
    on_message_(token_, SB_MESSAGE_OUTPUT, message.c_str());
  }

 private:
  long long token_;
  sb_names_callback on_names_;
  sb_draw_callback on_draw_;
  sb_message_callback on_message_;
};

// Forwards Stan's messages and keeps the most recent ones to explain a failure.
class java_logger : public stan::callbacks::logger {
 public:
  java_logger(long long token, sb_message_callback on_message)
      : token_(token), on_message_(on_message) {}

  void debug(const std::string& m) override { send(SB_MESSAGE_DEBUG, m); }
  void debug(const std::stringstream& m) override { send(SB_MESSAGE_DEBUG, m.str()); }
  void info(const std::string& m) override { send(SB_MESSAGE_INFO, m); }
  void info(const std::stringstream& m) override { send(SB_MESSAGE_INFO, m.str()); }
  void warn(const std::string& m) override { send(SB_MESSAGE_WARN, m); }
  void warn(const std::stringstream& m) override { send(SB_MESSAGE_WARN, m.str()); }
  void error(const std::string& m) override { send(SB_MESSAGE_ERROR, m); }
  void error(const std::stringstream& m) override { send(SB_MESSAGE_ERROR, m.str()); }
  void fatal(const std::string& m) override { send(SB_MESSAGE_FATAL, m); }
  void fatal(const std::stringstream& m) override { send(SB_MESSAGE_FATAL, m.str()); }

  std::string recent() const {
    std::string text;
    for (const std::string& m : recent_) {
      if (!text.empty()) {
        text += " | ";
      }
      text += m;
    }
    return text;
  }

 private:
  void send(int kind, const std::string& message) {
    on_message_(token_, kind, message.c_str());
    if (!message.empty() && message.compare(0, 10, "Iteration:") != 0) {
      recent_.push_back(message);
      if (recent_.size() > 8) {
        recent_.pop_front();
      }
    }
  }

  long long token_;
  sb_message_callback on_message_;
  std::deque<std::string> recent_;
};

class java_interrupt : public stan::callbacks::interrupt {
 public:
  java_interrupt(long long token, sb_iteration_callback on_iteration)
      : token_(token), on_iteration_(on_iteration) {}

  void operator()() override {
    if (on_iteration_(token_, done_++) != 0) {
      throw interrupted_error();
    }
  }

 private:
  long long token_;
  sb_iteration_callback on_iteration_;
  int done_ = 0;
};

}  // namespace

extern "C" {

int sb_model_create(const char* library_path, int n_variables, const char** names,
                    const int* is_integer, const int* ranks, const int* dims, const double* reals,
                    const int* ints, unsigned int seed, sb_model** model, char** error) {
  std::ostringstream messages;
  try {
    *model = nullptr;
    std::string failure = promote_self_to_global();
    if (!failure.empty()) {
      set_error(error, failure);
      return SB_ERROR;
    }

    // Model libraries stay loaded for the life of the process: they are small and shared.
    void* library = dlopen(library_path, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      set_error(error, std::string("cannot load model library: ") + dlerror());
      return SB_ERROR;
    }
    auto factory = reinterpret_cast<model_factory>(dlsym(library, "matchup_new_model"));
    if (factory == nullptr) {
      set_error(error, std::string(library_path) + " is not a model library (no matchup_new_model)");
      return SB_ERROR;
    }

    ensure_tape();
    stan::io::array_var_context data =
        make_context(n_variables, names, is_integer, ranks, dims, reals, ints);
    std::unique_ptr<sb_model> handle(new sb_model());
    handle->model.reset(factory(data, seed, &messages));
    handle->name = handle->model->model_name();
    for (int flags = 0; flags < 4; ++flags) {
      std::vector<std::string> param_names;
      handle->model->constrained_param_names(param_names, (flags & 1) != 0, (flags & 2) != 0);
      handle->param_names[flags] = join(param_names);
      handle->param_counts[flags] = static_cast<int>(param_names.size());
    }
    std::vector<std::string> unc_names;
    handle->model->unconstrained_param_names(unc_names, false, false);
    handle->unc_names = join(unc_names);
    *model = handle.release();
    return SB_OK;
  } catch (const std::exception& e) {
    set_error(error, with_messages(e.what(), messages));
  } catch (...) {
    set_error(error, with_messages("unknown C++ exception while creating the model", messages));
  }
  return SB_ERROR;
}

void sb_model_free(sb_model* model) { delete model; }

void sb_free_string(char* text) { std::free(text); }

const char* sb_model_name(const sb_model* model) { return model->name.c_str(); }

int sb_param_count(const sb_model* model, int include_transformed, int include_generated) {
  return model->param_counts[(include_transformed != 0) + 2 * (include_generated != 0)];
}

int sb_param_unc_count(const sb_model* model) {
  return static_cast<int>(model->model->num_params_r());
}

const char* sb_param_names(const sb_model* model, int include_transformed, int include_generated) {
  return model->param_names[(include_transformed != 0) + 2 * (include_generated != 0)].c_str();
}

const char* sb_param_unc_names(const sb_model* model) { return model->unc_names.c_str(); }

int sb_log_density_gradient(const sb_model* model, int propto, int jacobian, const double* theta_unc,
                            double* log_density, double* gradient, char** error) {
  std::ostringstream messages;
  try {
    ensure_tape();
    size_t n = model->model->num_params_r();
    std::vector<double> params_r(theta_unc, theta_unc + n);
    std::vector<int> params_i;
    std::vector<double> grad;
    stan::model::model_base& m = *model->model;
    if (propto != 0) {
      *log_density = jacobian != 0
                         ? stan::model::log_prob_grad<true, true>(m, params_r, params_i, grad, &messages)
                         : stan::model::log_prob_grad<true, false>(m, params_r, params_i, grad, &messages);
    } else {
      *log_density = jacobian != 0
                         ? stan::model::log_prob_grad<false, true>(m, params_r, params_i, grad, &messages)
                         : stan::model::log_prob_grad<false, false>(m, params_r, params_i, grad, &messages);
    }
    if (gradient != nullptr) {
      std::copy(grad.begin(), grad.end(), gradient);
    }
    return SB_OK;
  } catch (const std::exception& e) {
    stan::math::recover_memory();
    set_error(error, with_messages(e.what(), messages));
  } catch (...) {
    stan::math::recover_memory();
    set_error(error, with_messages("unknown C++ exception in the log density", messages));
  }
  return SB_ERROR;
}

int sb_param_constrain(const sb_model* model, int include_transformed, int include_generated,
                       const double* theta_unc, double* theta, unsigned int seed, char** error) {
  std::ostringstream messages;
  try {
    std::vector<double> params_r(theta_unc, theta_unc + model->model->num_params_r());
    std::vector<int> params_i;
    std::vector<double> values;
    boost::ecuyer1988 rng(seed);
    model->model->write_array(rng, params_r, params_i, values, include_transformed != 0,
                              include_generated != 0, &messages);
    std::copy(values.begin(), values.end(), theta);
    return SB_OK;
  } catch (const std::exception& e) {
    set_error(error, with_messages(e.what(), messages));
  } catch (...) {
    set_error(error, with_messages("unknown C++ exception while constraining", messages));
  }
  return SB_ERROR;
}

int sb_param_unconstrain(const sb_model* model, const double* theta, double* theta_unc, char** error) {
  std::ostringstream messages;
  try {
    // The parameters come first among the names and dims; take as many as fill the parameter count.
    std::vector<std::string> all_names;
    std::vector<std::vector<size_t>> all_dims;
    model->model->get_param_names(all_names);
    model->model->get_dims(all_dims);
    std::vector<std::string> names;
    std::vector<std::vector<size_t>> dims;
    size_t wanted = static_cast<size_t>(model->param_counts[0]);
    size_t taken = 0;
    for (size_t v = 0; v < all_names.size() && taken < wanted; ++v) {
      size_t size = 1;
      for (size_t d : all_dims[v]) {
        size *= d;
      }
      names.push_back(all_names[v]);
      dims.push_back(all_dims[v]);
      taken += size;
    }
    std::vector<double> values(theta, theta + wanted);
    stan::io::array_var_context context(names, values, dims);
    std::vector<int> params_i;
    std::vector<double> params_r;
    model->model->transform_inits(context, params_i, params_r, &messages);
    std::copy(params_r.begin(), params_r.end(), theta_unc);
    return SB_OK;
  } catch (const std::exception& e) {
    set_error(error, with_messages(e.what(), messages));
  } catch (...) {
    set_error(error, with_messages("unknown C++ exception while unconstraining", messages));
  }
  return SB_ERROR;
}

int sb_sample_nuts(const sb_model* model, unsigned int seed, unsigned int chain, double init_radius,
                   int num_warmup, int num_samples, int num_thin, double adapt_delta,
                   int max_treedepth, double stepsize, long long token,
                   sb_names_callback on_names, sb_draw_callback on_draw,
                   sb_message_callback on_message, sb_iteration_callback on_iteration,
                   char** error) {
  java_logger logger(token, on_message);
  try {
    ensure_tape();
    java_writer sample_writer(token, on_names, on_draw, on_message);
    java_interrupt interrupt(token, on_iteration);
    stan::callbacks::writer init_writer;
    stan::callbacks::writer diagnostic_writer;
    stan::io::empty_var_context no_init;
    // A unit diagonal inverse metric to start from, as CmdStan does.
    std::vector<double> unit_metric(model->model->num_params_r(), 1.0);
    stan::io::array_var_context start_metric(std::vector<std::string>{"inv_metric"}, unit_metric,
                                             std::vector<std::vector<size_t>>{{unit_metric.size()}});
    int code = stan::services::sample::hmc_nuts_diag_e_adapt(
        *model->model, no_init, start_metric, seed, chain, init_radius, num_warmup, num_samples,
        num_thin, false, 0, stepsize, 0.0, max_treedepth, adapt_delta, 0.05, 0.75, 10.0, 75, 50,
        25, interrupt, logger, init_writer, sample_writer, diagnostic_writer);
    if (code != 0) {
      set_error(error, "sampler configuration rejected (code " + std::to_string(code) +
                           "): " + logger.recent());
      return SB_ERROR;
    }
    return SB_OK;
  } catch (const interrupted_error&) {
    stan::math::recover_memory();
    return SB_INTERRUPTED;
  } catch (const std::exception& e) {
    stan::math::recover_memory();
    std::string recent = logger.recent();
    set_error(error, recent.empty() ? std::string(e.what()) : std::string(e.what()) + ": " + recent);
  } catch (...) {
    stan::math::recover_memory();
    set_error(error, "unknown C++ exception in the sampler: " + logger.recent());
  }
  return SB_ERROR;
}

}  // extern "C"
