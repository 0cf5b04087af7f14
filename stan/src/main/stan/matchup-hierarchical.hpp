// hierarchical_matchups_lpdf of matchup-hierarchical.stan, with its gradient written by hand: the
// standard normal prior of the non-centred coefficients z plus the likelihood of the table through
// per-matchup sufficient statistics.
//
// The toolchain translates the model with stanc's --allow_undefined and compiles it with
// `-include` of this file, so it comes before the generated code: it includes Stan itself and
// defines the function in the model's namespace with the exact signature stanc declares.
//
// With b_j = mu + tau .* z_j, eta = home[1] (0 without venues) and, for each matchup with n_j > 0,
//   RSS_j = yy_j - 2 xy_j . b_j + b_j' xx_j b_j - 2 eta hy_j + 2 eta xh_j . b_j + eta^2 hh_j,
// the function is sum_j std_normal_lpdf(z_j) + L with
//   L = sum_j -n_j/2 log(2 pi) - n_j log sigma + 1/2 log_weight_sum_j - RSS_j / (2 sigma^2).
// The prior follows Stan's propto rules (std_normal_lpdf's constant is dropped under propto, the
// whole prior when z is not an autodiff variable); L keeps every constant, as `target +=` does in
// matchup-hierarchical-autodiff.stan. For symmetric xx_j (the model passes the symmetric part):
//   g_j = dL/db_j = (xy_j - xx_j b_j - eta xh_j) / sigma^2
//   dL/dmu = sum_j g_j,  dL/dtau = sum_j z_j .* g_j,  dL/dz_j = tau .* g_j (the prior adds -z_j)
//   dL/dsigma = sum_j (-n_j / sigma + RSS_j / sigma^3)
//   dL/deta = sum_j (hy_j - xh_j . b_j - eta hh_j) / sigma^2.
// One evaluation costs one K x K matrix-vector product per matchup, in double; the result is one
// autodiff node (stan::math::precomputed_gradients_vari) whose operands are the parameters.
//
// Thread safety: no state of its own; with var arguments it allocates on the calling thread's
// autodiff tape, as any Stan function does.
#ifndef MATCHUP_HIERARCHICAL_HPP
#define MATCHUP_HIERARCHICAL_HPP

#include <stan/model/model_header.hpp>

#include <cmath>
#include <cstddef>
#include <ostream>
#include <type_traits>
#include <vector>

namespace matchup_hierarchical_model_namespace {
namespace hierarchical_detail {

using Eigen::Dynamic;
using Eigen::Matrix;

// Which terms of the prior of z are included.
struct PriorTerms {
  bool kernel;    // -z'z / 2
  bool constant;  // -log(2 pi) / 2 per element
};

// q = X b for the K x K column-major matrix X; the pointers must not overlap, which lets the
// compiler vectorise the loop.
inline void multiply(int K, const double* __restrict__ X, const double* __restrict__ b,
                     double* __restrict__ q) {
  for (int r = 0; r < K; ++r) {
    q[r] = 0;
  }
  for (int c = 0; c < K; ++c, X += K) {
    const double b_c = b[c];
    for (int r = 0; r < K; ++r) {
      q[r] += X[r] * b_c;
    }
  }
}

// With g = (xy - xxb - eta xh) / sigma^2 = dL_j/db_j: d_mu += g, d_tau += z .* g, d_z += tau .* g.
inline void add_gradient(int K, const double* __restrict__ xy, const double* __restrict__ xxb,
                         const double* __restrict__ xh, double eta, double sigma_squared,
                         const double* __restrict__ z, const double* __restrict__ tau,
                         double* __restrict__ d_mu, double* __restrict__ d_tau,
                         double* __restrict__ d_z) {
  for (int k = 0; k < K; ++k) {
    const double g = (xy[k] - xxb[k] - eta * xh[k]) / sigma_squared;
    d_mu[k] += g;
    d_tau[k] += z[k] * g;
    d_z[k] += tau[k] * g;
  }
}

// The log density in double. theta holds mu (K), tau (K), z_1 .. z_J (K each), sigma and home (0
// or 1), in that order, followed by 2 K doubles of work space; when gradient is not null it
// receives the derivatives with respect to the parameters in the same order.
template <typename R, typename M, typename V>
double log_density(int J, int K, bool has_home, PriorTerms prior, double* theta,
                   const std::vector<R>& row_count, const std::vector<R>& log_weight_sum,
                   const std::vector<R>& yy, const std::vector<V>& xy, const std::vector<M>& xx,
                   const std::vector<R>& hy, const std::vector<R>& hh,
                   const std::vector<V>& xh, double* gradient) {
  const int size = 2 * K + J * K + 1 + (has_home ? 1 : 0);
  const double* mu = theta;
  const double* tau = theta + K;
  const double sigma = theta[2 * K + J * K];
  const double eta = has_home ? theta[2 * K + J * K + 1] : 0.0;
  double* b = theta + size;
  double* xxb = b + K;
  const double log_sigma = std::log(sigma);
  const double sigma_squared = sigma * sigma;
  const double log_two_pi = std::log(2 * stan::math::pi());
  double* d_mu = gradient;
  double* d_tau = gradient + K;
  if (gradient != nullptr) {
    std::fill(gradient, gradient + size, 0.0);
  }

  double total = 0;
  double zz = 0;
  for (int j = 0; j < J; ++j) {
    const double* z = theta + 2 * K + j * K;
    double* d_z = gradient == nullptr ? nullptr : gradient + 2 * K + j * K;

    // The prior of z_j: its kernel and its gradient -z_j.
    if (prior.kernel) {
      for (int k = 0; k < K; ++k) {
        zz += z[k] * z[k];
      }
      if (d_z != nullptr) {
        for (int k = 0; k < K; ++k) {
          d_z[k] = -z[k];
        }
      }
    }
    const double n = row_count[j];
    if (!(n > 0)) {
      continue;
    }

    // b_j and xx_j b_j (xx_j column-major), then RSS_j with the terms in the order of
    // matchup-hierarchical-autodiff.stan.
    for (int k = 0; k < K; ++k) {
      b[k] = mu[k] + tau[k] * z[k];
    }
    multiply(K, xx[j].data(), b, xxb);
    const double* xy_j = xy[j].data();
    const double* xh_j = xh[j].data();
    double xyb = 0;
    double bxxb = 0;
    double xhb = 0;
    for (int k = 0; k < K; ++k) {
      xyb += xy_j[k] * b[k];
      bxxb += b[k] * xxb[k];
      xhb += xh_j[k] * b[k];
    }
    double rss = (yy[j] - 2 * xyb) + bxxb;
    if (has_home) {
      rss += ((-2 * eta) * hy[j] + (2 * eta) * xhb) + eta * eta * hh[j];
    }
    total += (((-0.5 * n) * log_two_pi - n * log_sigma) + 0.5 * log_weight_sum[j])
             - rss / (2 * sigma_squared);
    if (gradient == nullptr) {
      continue;
    }

    // g_j, then the chain rule through b_j.
    add_gradient(K, xy_j, xxb, xh_j, eta, sigma_squared, z, tau, d_mu, d_tau, d_z);
    gradient[2 * K + J * K] += -n / sigma + rss / (sigma_squared * sigma);
    if (has_home) {
      gradient[2 * K + J * K + 1] += (hy[j] - xhb - eta * hh[j]) / sigma_squared;
    }
  }

  // The prior's terms as std_normal_lpdf adds them: -z'z / 2, then the constant.
  double prior_terms = prior.kernel ? -0.5 * zz : 0.0;
  if (prior.constant) {
    prior_terms += -0.5 * log_two_pi * (J * K);
  }
  return prior_terms + total;
}

// Appends the operand x with partial derivative d to the node's arrays; nothing for a double.
inline void add_operand(const stan::math::var& x, double d, stan::math::vari** operands,
                        double* partials, std::size_t& count) {
  operands[count] = x.vi_;
  partials[count] = d;
  ++count;
}
inline void add_operand(double, double, stan::math::vari**, double*, std::size_t&) {}

// Copies the parameters' values into theta in the order of log_density.
template <typename T0, typename T1, typename T2, typename T3, typename T4>
void flatten(const std::vector<Matrix<T0, Dynamic, 1> >& z, const Matrix<T1, Dynamic, 1>& mu,
             const Matrix<T2, Dynamic, 1>& tau, const T3& sigma,
             const Matrix<T4, Dynamic, 1>& home, double* theta) {
  using stan::math::value_of;
  int at = 0;
  for (int k = 0; k < mu.size(); ++k) {
    theta[at++] = value_of(mu(k));
  }
  for (int k = 0; k < tau.size(); ++k) {
    theta[at++] = value_of(tau(k));
  }
  for (std::size_t j = 0; j < z.size(); ++j) {
    for (int k = 0; k < z[j].size(); ++k) {
      theta[at++] = value_of(z[j](k));
    }
  }
  theta[at++] = value_of(sigma);
  for (int h = 0; h < home.size(); ++h) {
    theta[at++] = value_of(home(h));
  }
}

// The result when no argument is a var: the value alone.
template <typename T0, typename T1, typename T2, typename T3, typename T4, typename Evaluate>
double result(const std::vector<Matrix<T0, Dynamic, 1> >&, const Matrix<T1, Dynamic, 1>&,
              const Matrix<T2, Dynamic, 1>&, const T3&, const Matrix<T4, Dynamic, 1>&, int,
              const Evaluate& evaluate, std::false_type) {
  return evaluate(nullptr);
}

// The result when some argument is a var: one node whose operands are every var argument, with
// the partial derivatives of log_density.
template <typename T0, typename T1, typename T2, typename T3, typename T4, typename Evaluate>
stan::math::var result(const std::vector<Matrix<T0, Dynamic, 1> >& z,
                       const Matrix<T1, Dynamic, 1>& mu, const Matrix<T2, Dynamic, 1>& tau,
                       const T3& sigma, const Matrix<T4, Dynamic, 1>& home, int size,
                       const Evaluate& evaluate, std::true_type) {
  using stan::math::ChainableStack;
  using stan::math::vari;

  // The gradient in the arena (freed with the tape), then the var operands with their partials.
  double* gradient = ChainableStack::instance_->memalloc_.alloc_array<double>(size);
  const double value = evaluate(gradient);
  vari** operands = ChainableStack::instance_->memalloc_.alloc_array<vari*>(size);
  double* partials = ChainableStack::instance_->memalloc_.alloc_array<double>(size);
  std::size_t count = 0;
  int at = 0;
  for (int k = 0; k < mu.size(); ++k) {
    add_operand(mu(k), gradient[at++], operands, partials, count);
  }
  for (int k = 0; k < tau.size(); ++k) {
    add_operand(tau(k), gradient[at++], operands, partials, count);
  }
  for (std::size_t j = 0; j < z.size(); ++j) {
    for (int k = 0; k < z[j].size(); ++k) {
      add_operand(z[j](k), gradient[at++], operands, partials, count);
    }
  }
  add_operand(sigma, gradient[at++], operands, partials, count);
  for (int h = 0; h < home.size(); ++h) {
    add_operand(home(h), gradient[at++], operands, partials, count);
  }
  return stan::math::var(
      new stan::math::precomputed_gradients_vari(value, count, operands, partials));
}

}  // namespace hierarchical_detail

// The signature stanc 2.21 declares for the Stan function (every real argument is a template
// parameter, even data); the data arguments must be double.
template <bool propto, typename T0__, typename T1__, typename T2__, typename T3__, typename T4__,
          typename T5__, typename T6__, typename T7__, typename T8__, typename T9__,
          typename T10__, typename T11__, typename T12__>
typename boost::math::tools::promote_args<
    T0__, T1__, T2__, T3__,
    typename boost::math::tools::promote_args<
        T4__, T5__, T6__, T7__,
        typename boost::math::tools::promote_args<
            T8__, T9__, T10__, T11__,
            typename boost::math::tools::promote_args<T12__>::type>::type>::type>::type
hierarchical_matchups_lpdf(
    const std::vector<Eigen::Matrix<T0__, Eigen::Dynamic, 1> >& z,
    const Eigen::Matrix<T1__, Eigen::Dynamic, 1>& mu,
    const Eigen::Matrix<T2__, Eigen::Dynamic, 1>& tau,
    const T3__& sigma,
    const Eigen::Matrix<T4__, Eigen::Dynamic, 1>& home,
    const std::vector<T5__>& row_count,
    const std::vector<T6__>& log_weight_sum,
    const std::vector<T7__>& yy,
    const std::vector<Eigen::Matrix<T8__, Eigen::Dynamic, 1> >& xy,
    const std::vector<Eigen::Matrix<T9__, Eigen::Dynamic, Eigen::Dynamic> >& xx,
    const std::vector<T10__>& hy,
    const std::vector<T11__>& hh,
    const std::vector<Eigen::Matrix<T12__, Eigen::Dynamic, 1> >& xh,
    std::ostream* pstream__) {
  static_assert(std::is_same<T5__, double>::value && std::is_same<T6__, double>::value
                    && std::is_same<T7__, double>::value && std::is_same<T8__, double>::value
                    && std::is_same<T9__, double>::value && std::is_same<T10__, double>::value
                    && std::is_same<T11__, double>::value && std::is_same<T12__, double>::value,
                "hierarchical_matchups_lpdf: the sufficient statistics must be data");
  static const char* function = "hierarchical_matchups_lpdf";
  using stan::math::check_size_match;

  // Sizes: K coefficients, J matchups, at most one home-court term; the loop only compares.
  const int K = mu.size();
  const int J = z.size();
  check_size_match(function, "size of tau", tau.size(), "size of mu", K);
  stan::math::check_less_or_equal(function, "size of home", home.size(), 1);
  check_size_match(function, "size of row_count", row_count.size(), "size of z", J);
  check_size_match(function, "size of log_weight_sum", log_weight_sum.size(), "size of z", J);
  check_size_match(function, "size of yy", yy.size(), "size of z", J);
  check_size_match(function, "size of xy", xy.size(), "size of z", J);
  check_size_match(function, "size of xx", xx.size(), "size of z", J);
  check_size_match(function, "size of hy", hy.size(), "size of z", J);
  check_size_match(function, "size of hh", hh.size(), "size of z", J);
  check_size_match(function, "size of xh", xh.size(), "size of z", J);
  for (int j = 0; j < J; ++j) {
    if (!(z[j].size() == K && xy[j].size() == K && xx[j].rows() == K && xx[j].cols() == K
          && xh[j].size() == K)) {
      check_size_match(function, "size of z[j]", z[j].size(), "size of mu", K);
      check_size_match(function, "size of xy[j]", xy[j].size(), "size of mu", K);
      check_size_match(function, "rows of xx[j]", xx[j].rows(), "size of mu", K);
      check_size_match(function, "columns of xx[j]", xx[j].cols(), "size of mu", K);
      check_size_match(function, "size of xh[j]", xh[j].size(), "size of mu", K);
    }
  }

  // The parameters' values (z checked for NaN, as std_normal_lpdf does), then the value and,
  // with var arguments, the gradient.
  const bool has_home = home.size() == 1;
  const int size = 2 * K + J * K + 1 + home.size();
  std::vector<double> theta(size + 2 * K);
  hierarchical_detail::flatten(z, mu, tau, sigma, home, theta.data());
  for (int i = 2 * K; i < 2 * K + J * K; ++i) {
    if (std::isnan(theta[i])) {
      stan::math::check_not_nan(function, "Random variable", theta[i]);
    }
  }
  const hierarchical_detail::PriorTerms prior{stan::math::include_summand<propto, T0__>::value,
                                              stan::math::include_summand<propto>::value};
  auto evaluate = [&](double* gradient) {
    return hierarchical_detail::log_density(J, K, has_home, prior, theta.data(), row_count,
                                            log_weight_sum, yy, xy, xx, hy, hh, xh, gradient);
  };
  typedef typename boost::math::tools::promote_args<T0__, T1__, T2__, T3__, T4__>::type result_t;
  return hierarchical_detail::result(z, mu, tau, sigma, home, size, evaluate,
                                     std::integral_constant<bool, stan::is_var<result_t>::value>());
}

}  // namespace matchup_hierarchical_model_namespace

#endif  // MATCHUP_HIERARCHICAL_HPP
