// A test model with an analytic posterior: y_i ~ normal(mu, sigma) with sigma known and
// mu ~ normal(mu0, tau0); the posterior of mu is normal with precision 1/tau0^2 + N/sigma^2.
data {
  int<lower=0> N;
  vector[N] y;
  real<lower=0> sigma;
  real mu0;
  real<lower=0> tau0;
}
parameters {
  real mu;
}
model {
  mu ~ normal(mu0, tau0);
  y ~ normal(mu, sigma);
}
