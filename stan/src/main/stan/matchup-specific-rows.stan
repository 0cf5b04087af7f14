// The reference system's matchup-specific model, one likelihood term per row: the same density as
// matchup-specific.stan, kept for tests and benchmarks. A row may stand for several possessions:
// outcome ~ normal(mu, sigma / sqrt(possessions)).
data {
  int<lower=0> N;                  // rows
  int<lower=1> J;                  // matchups (36)
  int<lower=1> A;                  // archetypes (8)
  int<lower=1, upper=J> matchup[N];
  matrix[N, A] z_off;              // offensive archetype skill sums
  matrix[N, A] z_def;              // defensive archetype skill sums
  vector[N] outcome;               // points per possession
  vector<lower=0>[N] possessions;  // weight of each row
}
parameters {
  vector[J] alpha;
  matrix<lower=0>[J, A] beta_off;
  matrix<lower=0>[J, A] beta_def;
  real<lower=0> sigma;
}
model {
  vector[N] mu = alpha[matchup] + rows_dot_product(z_off, beta_off[matchup])
                 - rows_dot_product(z_def, beta_def[matchup]);
  alpha ~ normal(0, 5);
  to_vector(beta_off) ~ normal(0, 5);
  to_vector(beta_def) ~ normal(0, 5);
  sigma ~ cauchy(0, 2.5);
  outcome ~ normal(mu, sigma ./ sqrt(possessions));
}
