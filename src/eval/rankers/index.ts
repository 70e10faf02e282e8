// Every ranker the evaluator compares, in the order the table shows them: first what the device can
// compute (its own history and what every shop shows), then the oracles (other shoppers' data).
import type { RecSettings } from '../../rec/signals.ts';
import type { TrainOptions } from '../../rec/twotower.ts';
import type { Ranker } from '../ranker.ts';
import { GlobalPopularity, RandomRanker, ShopOrder, ShopPopularity } from './baselines.ts';
import { ContentMean, GraphSmoothed, MultiInterest, TwoTower, TwoTowerShown } from './content.ts';
import { BprMf } from './mf.ts';
import { ItemKnn, UserKnn } from './neighbours.ts';

export interface Knobs {
  rec?: RecSettings;
  train?: Partial<TrainOptions>;
  graphBeta?: number;
}

export function allRankers(k: Knobs = {}): Ranker[] {
  return [
    new RandomRanker(), new ShopOrder(), new ContentMean(k.rec), new MultiInterest(k.rec), new TwoTower(k.rec, k.train), new TwoTowerShown(k.rec, k.train),
    new GlobalPopularity(), new ShopPopularity(), new ItemKnn(), new UserKnn(), new BprMf(), new GraphSmoothed(k.graphBeta, k.rec),
  ];
}
