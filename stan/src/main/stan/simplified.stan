// The reference system's fallback model: one intercept, 8 offensive and 8 defensive archetype coefficients
// (positive, as in the reference's matchup model) and sigma, shared by every matchup. The per-matchup sufficient
// statistics are summed into the pooled ones, so the data are those of matchup-specific.stan.
data {
  int<lower=1> J;
  int<lower=1> K;
  real<lower=0> row_count[J];
  real log_weight_sum[J];
  real<lower=0> yy[J];
  vector[K] xy[J];
  matrix[K, K] xx[J];
}
transformed data {
  int A = (K - 1) / 2;
  real n = sum(row_count);
  real log_w = sum(log_weight_sum);
  real yy_all = sum(yy);
  vector[K] xy_all = rep_vector(0, K);
  matrix[K, K] xx_all = rep_matrix(0, K, K);
  for (j in 1:J) {
    xy_all += xy[j];
    xx_all += xx[j];
  }
}
parameters {
  real alpha;
  vector<lower=0>[A] beta_off;
  vector<lower=0>[A] beta_def;
  real<lower=0> sigma;
}
model {
  vector[K] b = append_row(alpha, append_row(beta_off, -beta_def));
  alpha ~ normal(0, 5);
  beta_off ~ normal(0, 5);
  beta_def ~ normal(0, 5);
  sigma ~ cauchy(0, 2.5);
  target += -0.5 * n * log(2 * pi()) - n * log(sigma) + 0.5 * log_w
            - (yy_all - 2 * dot_product(xy_all, b) + quad_form(xx_all, b)) / (2 * square(sigma));
}
