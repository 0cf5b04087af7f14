// Matchup model with partial pooling, non-centred: each matchup's intercept and 16 archetype coefficients
// b_j = mu + tau .* z_j come from a population (a mean and a scale per coefficient), z_j ~ normal(0, 1).
// Row i of matchup j: outcome_i ~ normal(x_i . b_j, sigma / sqrt(w_i)), x_i = [1, z_off_i, z_def_i], written
// through the per-matchup sufficient statistics as in matchup-specific.stan. Defensive coefficients are
// reported with the spine's sign, beta_def = -b_def (positive when better defence lowers scoring); no sign
// constraints. Non-centred because on the training table the population scales of the slopes (about 0.005)
// are smaller than each matchup's standard error (about 0.009): the centred form has a funnel (15 % divergent
// transitions). Measurements of the alternatives: stan/experiments/hierarchical/README.md.
// Home court: one term shared by every matchup, home[1] * h_i with h_i = +1/2 for a home offence and -1/2 away,
// so alpha is the neutral-court intercept and home[1] the home-minus-away difference; it exists only when the
// table has venues (H = 1).
//
// The prior of z and the likelihood are one function, hierarchical_matchups_lpdf(z | mu, tau, sigma, home, data)
//   = sum_j std_normal_lpdf(z[j]) + sum over matchups j with row_count[j] > 0 of
//     -n_j/2 log(2 pi) - n_j log(sigma) + 1/2 log_weight_sum[j] - RSS_j / (2 sigma^2),
//   RSS_j = yy[j] - 2 xy[j] . b_j + b_j' xx[j] b_j
//           [H = 1: - 2 eta hy[j] + 2 eta xh[j] . b_j + eta^2 hh[j], eta = home[1]],
// defined in C++ with a closed-form gradient (matchup-hierarchical.hpp beside this file; the toolchain
// translates with --allow_undefined and includes it). The density, constants included, is that of
// matchup-hierarchical-autodiff.stan, which writes z[j] ~ std_normal() and the likelihood (with target +=, so
// every constant is kept) in Stan; the hpp keeps the prior's propto behaviour. The coefficients are generated
// quantities here, so they are not on the autodiff tape; b is not written out.
functions {
  real hierarchical_matchups_lpdf(vector[] z, vector mu, vector tau, real sigma, vector home,
                                  data real[] row_count, data real[] log_weight_sum, data real[] yy,
                                  data vector[] xy, data matrix[] xx, data real[] hy, data real[] hh,
                                  data vector[] xh);
}
data {
  int<lower=1> J;                  // matchups (36)
  int<lower=1> K;                  // 1 + 2 * archetypes (17)
  real<lower=0> row_count[J];
  real log_weight_sum[J];
  real<lower=0> yy[J];
  vector[K] xy[J];
  matrix[K, K] xx[J];
  int<lower=0, upper=1> H;         // 1 when the table has an offense (venue) column
  real hy[J];                      // sum w h y
  real<lower=0> hh[J];             // sum w h^2
  vector[K] xh[J];                 // X'Wh
}
transformed data {
  int A = (K - 1) / 2;
  // The gradient code takes X'WX as symmetric; b' xx b is the same for the symmetric part, and a symmetric
  // input (as SufficientStatistics writes it) is unchanged, 0.5 * (a + a) = a exactly.
  matrix[K, K] xx_sym[J];
  for (j in 1:J)
    xx_sym[j] = 0.5 * (xx[j] + xx[j]');
}
parameters {
  vector[K] mu;
  vector<lower=0>[K] tau;
  vector[K] z[J];
  real<lower=0> sigma;
  vector[H] home;
}
model {
  mu[1] ~ normal(1, 0.5);
  mu[2:K] ~ normal(0, 0.1);
  tau[1] ~ normal(0, 0.1);
  tau[2:K] ~ normal(0, 0.05);
  sigma ~ cauchy(0, 2.5);
  home ~ normal(0, 0.1);
  z ~ hierarchical_matchups(mu, tau, sigma, home, row_count, log_weight_sum, yy, xy, xx_sym, hy, hh, xh);
}
generated quantities {
  vector[J] alpha;
  matrix[J, A] beta_off;
  matrix[J, A] beta_def;
  for (j in 1:J) {
    vector[K] b = mu + tau .* z[j];
    alpha[j] = b[1];
    beta_off[j] = b[2:(A + 1)]';
    beta_def[j] = -b[(A + 2):K]';
  }
}
