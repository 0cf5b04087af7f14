// The reference system's matchup-specific model, with the likelihood written through per-matchup
// sufficient statistics: the same density as matchup-specific-rows.stan, at a cost that does not
// grow with the number of rows.
//
// Row i of matchup j: outcome_i ~ normal(mu_i, sigma / sqrt(w_i)) with
// mu_i = alpha[j] + z_off_i . beta_off[j] - z_def_i . beta_def[j] and w_i its possessions.
// With x_i = [1, z_off_i, z_def_i] and b_j = [alpha[j], beta_off[j], -beta_def[j]], the sum of the
// log densities of matchup j is
//   -n_j/2 log(2 pi) - n_j log(sigma) + 1/2 sum log w_i
//   - (sum w y^2 - 2 b_j' X'Wy + b_j' X'WX b_j) / (2 sigma^2).
data {
  int<lower=1> J;                  // matchups (36)
  int<lower=1> K;                  // 1 + 2 * archetypes (17)
  real<lower=0> row_count[J];      // rows of each matchup
  real log_weight_sum[J];          // sum of log possessions
  real<lower=0> yy[J];             // sum of w * outcome^2
  vector[K] xy[J];                 // X'Wy
  matrix[K, K] xx[J];              // X'WX
}
transformed data {
  int A = (K - 1) / 2;             // archetypes (8)
}
parameters {
  vector[J] alpha;                 // matchup intercepts
  matrix<lower=0>[J, A] beta_off;  // offensive archetype coefficients
  matrix<lower=0>[J, A] beta_def;  // defensive archetype coefficients
  real<lower=0> sigma;             // sd of one possession's points
}
model {
  alpha ~ normal(0, 5);
  to_vector(beta_off) ~ normal(0, 5);
  to_vector(beta_def) ~ normal(0, 5);
  sigma ~ cauchy(0, 2.5);
  for (j in 1:J) {
    vector[K] b = append_row(alpha[j], append_row(beta_off[j]', -beta_def[j]'));
    target += -0.5 * row_count[j] * log(2 * pi()) - row_count[j] * log(sigma)
              + 0.5 * log_weight_sum[j]
              - (yy[j] - 2 * dot_product(xy[j], b) + quad_form(xx[j], b)) / (2 * square(sigma));
  }
}
