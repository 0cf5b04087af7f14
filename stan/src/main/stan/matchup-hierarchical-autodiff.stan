// The reference for matchup-hierarchical.stan: the same density written entirely in Stan, so that Stan's
// reverse-mode autodiff computes its gradient. matchup-hierarchical.stan gives the likelihood a hand-written
// gradient in C++; core's HierarchicalGradientTest checks that both have the same log density and gradient.
// This file is the model as it was before that (it also keeps b as a transformed parameter).
//
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
}
parameters {
  vector[K] mu;
  vector<lower=0>[K] tau;
  vector[K] z[J];
  real<lower=0> sigma;
  vector[H] home;
}
transformed parameters {
  vector[K] b[J];
  vector[J] alpha;
  matrix[J, A] beta_off;
  matrix[J, A] beta_def;
  for (j in 1:J) {
    b[j] = mu + tau .* z[j];
    alpha[j] = b[j][1];
    beta_off[j] = b[j][2:(A + 1)]';
    beta_def[j] = -b[j][(A + 2):K]';
  }
}
model {
  mu[1] ~ normal(1, 0.5);
  mu[2:K] ~ normal(0, 0.1);
  tau[1] ~ normal(0, 0.1);
  tau[2:K] ~ normal(0, 0.05);
  sigma ~ cauchy(0, 2.5);
  home ~ normal(0, 0.1);
  for (j in 1:J) {
    z[j] ~ std_normal();
    if (row_count[j] > 0) {
      real rss = yy[j] - 2 * dot_product(xy[j], b[j]) + quad_form(xx[j], b[j]);
      if (H == 1)
        rss += -2 * home[1] * hy[j] + 2 * home[1] * dot_product(xh[j], b[j]) + square(home[1]) * hh[j];
      target += -0.5 * row_count[j] * log(2 * pi()) - row_count[j] * log(sigma)
                + 0.5 * log_weight_sum[j] - rss / (2 * square(sigma));
    }
  }
}
