// An alternative parameterisation of matchup-hierarchical.stan, kept for its measurement (see README.md).
//
// Row i of matchup j: outcome_i ~ normal(x_i . b_j, sigma / sqrt(w_i)), x_i = [1, z_off_i, z_def_i]; the
// coefficients come from a population, b_j ~ normal(mu, diag(tau^2)). Both are Gaussian in b_j, so b_j
// integrates out: with D = diag(tau^2), Lambda_j = X'WX / sigma^2 + D^-1 and h_j = X'Wy / sigma^2 + D^-1 mu,
//   log p(y_j | mu, tau, sigma) = -n/2 log(2 pi) - n log(sigma) + 1/2 sum log w - 1/2 log det D
//       - 1/2 log det Lambda_j + 1/2 h_j' Lambda_j^-1 h_j - 1/2 (y'Wy / sigma^2 + mu' D^-1 mu).
// The sampler then sees only mu, tau and sigma (35 parameters, no funnel); each matchup's coefficients are
// drawn exactly from b_j | y, mu, tau, sigma ~ normal(Lambda_j^-1 h_j, Lambda_j^-1) in generated quantities,
// with the names of the spine: alpha, beta_off, and beta_def = -b_def (positive when better defence lowers
// scoring). No sign constraints.
data {
  int<lower=1> J;                  // matchups (36)
  int<lower=1> K;                  // 1 + 2 * archetypes (17)
  real<lower=0> row_count[J];
  real log_weight_sum[J];
  real<lower=0> yy[J];
  vector[K] xy[J];
  matrix[K, K] xx[J];
}
transformed data {
  int A = (K - 1) / 2;
}
parameters {
  vector[K] mu;                    // population mean of [intercept, b_off, b_def]
  vector<lower=0>[K] tau;          // population sd of each coefficient across matchups
  real<lower=0> sigma;             // sd of one possession's points
}
model {
  vector[K] prior_precision = rep_vector(1, K) ./ square(tau);
  // Weakly informative on the scale of points per possession (about 1.07, slopes about 0.01 per z unit).
  mu[1] ~ normal(1, 0.5);
  mu[2:K] ~ normal(0, 0.1);
  tau[1] ~ normal(0, 0.1);
  tau[2:K] ~ normal(0, 0.05);
  sigma ~ cauchy(0, 2.5);
  for (j in 1:J) {
    if (row_count[j] > 0) {
      matrix[K, K] L = cholesky_decompose(add_diag(xx[j] / square(sigma), prior_precision));
      vector[K] h = xy[j] / square(sigma) + prior_precision .* mu;
      target += -0.5 * row_count[j] * log(2 * pi()) - row_count[j] * log(sigma)
                + 0.5 * log_weight_sum[j] - sum(log(tau)) - sum(log(diagonal(L)))
                + 0.5 * dot_self(mdivide_left_tri_low(L, h))
                - 0.5 * (yy[j] / square(sigma) + dot_product(prior_precision .* mu, mu));
    }
  }
}
generated quantities {
  vector[J] alpha;
  matrix[J, A] beta_off;
  matrix[J, A] beta_def;
  {
    vector[K] prior_precision = rep_vector(1, K) ./ square(tau);
    for (j in 1:J) {
      matrix[K, K] L = cholesky_decompose(add_diag(xx[j] / square(sigma), prior_precision));
      vector[K] h = xy[j] / square(sigma) + prior_precision .* mu;
      vector[K] mean_b = mdivide_right_tri_low(mdivide_left_tri_low(L, h)', L)';
      vector[K] noise;
      vector[K] b;
      for (k in 1:K)
        noise[k] = normal_rng(0, 1);
      b = mean_b + mdivide_right_tri_low(noise', L)';
      alpha[j] = b[1];
      beta_off[j] = b[2:(A + 1)]';
      beta_def[j] = -b[(A + 2):K]';
    }
  }
}
