// An alternative parameterisation of matchup-hierarchical.stan, kept for its measurement (see README.md).
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
  vector[K] mu;
  vector<lower=0>[K] tau;
  vector[J] alpha_c;               // centred intercepts
  vector[K - 1] z[J];              // non-centred slopes
  real<lower=0> sigma;
}
transformed parameters {
  vector[K] b[J];
  vector[J] alpha;
  matrix[J, A] beta_off;
  matrix[J, A] beta_def;
  for (j in 1:J) {
    b[j] = append_row(alpha_c[j], mu[2:K] + tau[2:K] .* z[j]);
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
  alpha_c ~ normal(mu[1], tau[1]);
  for (j in 1:J) {
    z[j] ~ std_normal();
    if (row_count[j] > 0)
      target += -0.5 * row_count[j] * log(2 * pi()) - row_count[j] * log(sigma)
                + 0.5 * log_weight_sum[j]
                - (yy[j] - 2 * dot_product(xy[j], b[j]) + quad_form(xx[j], b[j])) / (2 * square(sigma));
  }
}
