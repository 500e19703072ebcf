"""The fictional papers of the offline demo set: facts per paper, expanded into prose by kb.demo.

They are written for the demo only (ids 2512.99xxx cannot collide with real arXiv ids) and
cover the three example interests, hard negatives that use a keyword in passing, and
unrelated work.
"""

from __future__ import annotations

PAPERS: list[dict] = [
    {
        "id": "2512.99001",
        "version": 1,
        "type": "new",
        "cats": ["cs.RO", "cs.AI", "cs.CV"],
        "title": "ManiVLA: Scaling Vision-Language-Action Policies with Action Chunk Tokenization",
        "authors": ["Lena Fischer", "Rahul Menon", "Yuki Tanaka", "Omar Haddad"],
        "name": "ManiVLA",
        "problem": "vision-language-action (VLA) models that map camera images and language "
        "instructions to robot actions",
        "gap": "existing VLA policies discretize every action dimension separately, which makes "
        "decoding slow and produces jerky trajectories on real robots",
        "idea": "tokenizes chunks of future actions with a learned compression codebook and "
        "decodes a whole chunk per forward pass of the language model backbone",
        "parts": [
            "an action chunk tokenizer trained with a reconstruction and smoothness loss",
            "a vision-language backbone initialised from an open 3B-parameter model",
            "a chunk-level decoding scheme that runs at 25 Hz on a single GPU",
        ],
        "datasets": "the LIBERO benchmark suites and 1,200 real-world demonstrations on a "
        "Franka arm",
        "metrics": "task success rate and control frequency",
        "baselines": "OpenVLA, Octo and a diffusion policy",
        "result": "ManiVLA reaches an average success rate of 91.4% on LIBERO, 6.2 points above "
        "OpenVLA, while decoding actions 4.3 times faster",
        "ablation": "removing the smoothness loss lowers real-robot success from 78% to 64%",
        "limitation": "the tokenizer is trained per embodiment, so a new robot arm needs new "
        "demonstrations before the policy transfers",
        "future": "we plan to share one codebook across embodiments and to add tactile input",
        "code": "https://github.com/arxiv-kb-demo/ManiVLA",
    },
    {
        "id": "2512.99002",
        "version": 1,
        "type": "cross",
        "cats": ["cs.CV", "cs.RO"],
        "title": "Instruct2Act: Grounding Spoken Instructions in Visuomotor Policies for "
        "Household Manipulation",
        "authors": ["Marta Kowalska", "Daniel Osei", "Priya Raman"],
        "name": "Instruct2Act",
        "problem": "robots that follow free-form spoken instructions in homes by turning what "
        "they see and hear directly into arm motions",
        "gap": "modular pipelines that first parse the instruction and then call a planner "
        "break down when the request is ambiguous or refers to objects by appearance",
        "idea": "trains one end-to-end visuomotor policy that attends jointly to image patches "
        "and instruction tokens and predicts continuous end-effector motions",
        "parts": [
            "a speech-to-text front end fine-tuned on household commands",
            "cross-attention between image patches and instruction tokens",
            "a flow-matching action head that outputs 16-step motion segments",
        ],
        "datasets": "the CALVIN benchmark and a new set of 85 household tasks in 12 real kitchens",
        "metrics": "success rate and the average number of consecutive tasks completed",
        "baselines": "a modular planner pipeline, RT-1 and a language-conditioned diffusion policy",
        "result": "Instruct2Act completes on average 3.9 consecutive CALVIN tasks, compared with "
        "3.1 for the strongest baseline, and succeeds in 72% of real kitchen trials",
        "ablation": "without cross-attention the success on appearance-based references drops "
        "by 19 points",
        "limitation": "the policy still fails on deformable objects such as towels and bags",
        "future": "future work will collect deformable-object demonstrations and study safety "
        "constraints for contact-rich tasks",
        "code": None,
    },
    {
        "id": "2512.99003",
        "version": 1,
        "type": "new",
        "cats": ["cs.LG", "stat.ML"],
        "title": "PatchMixer-X: Channel-Aware Patch Mixing for Long-Horizon Multivariate Time "
        "Series Forecasting",
        "authors": ["Hannah Becker", "Wei Zhang", "Carlos Ruiz"],
        "name": "PatchMixer-X",
        "problem": "multivariate time series forecasting over long horizons, as needed for "
        "electricity load, weather and industrial sensor data",
        "gap": "channel-independent patch models ignore correlations between variables, while "
        "fully channel-mixing models overfit when there are hundreds of variables",
        "idea": "mixes information across channels only through a small set of learned channel "
        "groups, applied to patches of the input window",
        "parts": [
            "patch embeddings shared across variables",
            "a channel-grouping layer that learns soft assignments of variables to groups",
            "a lightweight MLP mixer that alternates between time and group dimensions",
        ],
        "datasets": "the ETTh1, ETTm2, Weather, Electricity and Traffic benchmarks",
        "metrics": "mean squared error (MSE) and mean absolute error (MAE) at horizons 96 to 720",
        "baselines": "PatchTST, iTransformer, DLinear and TimesNet",
        "result": "PatchMixer-X lowers the average MSE by 7.8% relative to PatchTST across the "
        "five benchmarks and trains 2.6 times faster than iTransformer",
        "ablation": "forcing a single channel group recovers channel independence and loses most "
        "of the gain on Electricity",
        "limitation": "the number of channel groups is a hyperparameter that must be tuned per "
        "dataset",
        "future": "we will learn the number of groups from data and extend the model to "
        "irregularly sampled series",
        "code": "https://github.com/arxiv-kb-demo/PatchMixer-X",
    },
    {
        "id": "2512.99004",
        "version": 2,
        "type": "replace",
        "cats": ["cs.LG", "cs.AI"],
        "title": "Forecasting Many Sensors at Once: Probabilistic Foundation Models for "
        "Industrial Telemetry",
        "authors": ["Ines Duarte", "Tomasz Nowak", "Aiko Mori"],
        "name": "TeleFM",
        "problem": "predicting the future values of hundreds of correlated sensor channels in "
        "factories, with calibrated uncertainty",
        "gap": "foundation models pretrained on univariate series cannot exploit the joint "
        "structure of many sensors and give poorly calibrated intervals",
        "idea": "pretrains a decoder-only transformer on 40 million multichannel windows and "
        "predicts a joint distribution with a low-rank Gaussian copula head",
        "parts": [
            "a corpus of public and synthetic multichannel telemetry",
            "variable-agnostic channel embeddings so any number of sensors can be used",
            "a copula head that models dependencies between channels",
        ],
        "datasets": "eight industrial telemetry datasets and the Solar and Exchange benchmarks",
        "metrics": "CRPS, MSE and the coverage of 90% prediction intervals",
        "baselines": "Chronos, TimesFM, DeepAR and a vector autoregression",
        "result": "TeleFM improves CRPS by 12% over Chronos in zero-shot use and reaches 88.7% "
        "coverage for nominal 90% intervals",
        "ablation": "replacing the copula head with independent Gaussians reduces coverage to 79%",
        "limitation": "inference memory grows with the square of the number of channels in the "
        "copula head",
        "future": "we will study sparse dependency structures to scale to thousands of sensors",
        "code": None,
    },
    {
        "id": "2512.99005",
        "version": 1,
        "type": "new",
        "cats": ["cs.LG", "cs.AI"],
        "title": "TrafficMamba: Selective State Spaces for Spatio-Temporal Traffic Prediction",
        "authors": ["Jia Liu", "Samuel Adeyemi", "Clara Weiss"],
        "name": "TrafficMamba",
        "problem": "traffic prediction on road sensor networks, where flows and speeds depend on "
        "both the road graph and recent history",
        "gap": "graph transformers for spatio-temporal prediction scale quadratically with the "
        "number of sensors and the input length",
        "idea": "combines a graph diffusion layer with selective state-space blocks that scan "
        "along time in linear cost",
        "parts": [
            "an adaptive adjacency learned from sensor embeddings",
            "bidirectional selective state-space blocks over the time axis",
            "a multi-horizon output head for 15, 30 and 60 minute forecasts",
        ],
        "datasets": "METR-LA, PEMS-BAY, PEMS04 and PEMS08",
        "metrics": "MAE, RMSE and MAPE",
        "baselines": "Graph WaveNet, STAEformer, DCRNN and GMAN",
        "result": "TrafficMamba achieves an MAE of 2.61 on METR-LA at the 15-minute horizon, the "
        "best among the compared methods, and uses 41% less GPU memory than STAEformer",
        "ablation": "without the adaptive adjacency the 60-minute MAE on PEMS08 rises by 0.9",
        "limitation": "accuracy drops during rare events such as accidents that are absent from "
        "training data",
        "future": "we plan to add incident reports as an exogenous input and to test "
        "city-scale networks",
        "code": "https://github.com/arxiv-kb-demo/TrafficMamba",
    },
    {
        "id": "2512.99006",
        "version": 1,
        "type": "cross",
        "cats": ["cs.AI", "cs.LG"],
        "title": "Road Network Speed Forecasting with Hierarchical Graph Pooling",
        "authors": ["Noura Saleh", "Mateo Rossi"],
        "name": "HiPool",
        "problem": "forecasting vehicle speeds on every segment of a city road network for the "
        "next hour",
        "gap": "flat graph neural networks propagate information only between neighbouring "
        "segments and miss district-level congestion patterns",
        "idea": "pools road segments into districts and corridors, forecasts at each level, and "
        "reconciles the levels with a learned top-down correction",
        "parts": [
            "a differentiable pooling of segments into corridors and districts",
            "temporal convolutions at every level of the hierarchy",
            "a reconciliation step that keeps segment forecasts consistent with districts",
        ],
        "datasets": "two years of floating-car speeds from a city of 9,000 road segments and "
        "the PEMS-BAY dataset",
        "metrics": "MAE and RMSE at 15, 30 and 60 minutes",
        "baselines": "DCRNN, Graph WaveNet and a historical average",
        "result": "HiPool reduces the 60-minute MAE by 9.5% relative to Graph WaveNet on the "
        "city dataset",
        "ablation": "the reconciliation step alone accounts for 3.1 points of the improvement",
        "limitation": "the hierarchy is learned once and does not adapt when the road network "
        "changes",
        "future": "future work will update the pooling online as roads open and close",
        "code": "https://github.com/arxiv-kb-demo/HiPool",
    },
    {
        "id": "2512.99007",
        "version": 1,
        "type": "new",
        "cats": ["cs.CV"],
        "title": "VLA-Seg: Segmenting the Vertebral Lamina in Spine CT",
        "authors": ["Elif Demir", "George Brown"],
        "name": "VLA-Seg",
        "problem": "segmenting the vertebral lamina (VLA in our notation) in computed "
        "tomography scans for spine surgery planning",
        "gap": "general-purpose segmentation networks confuse the lamina with the adjacent "
        "spinous process",
        "idea": "adds a shape prior of the vertebra to a 3D U-Net through a deformable template",
        "parts": [
            "a statistical shape model of lumbar vertebrae",
            "a 3D U-Net with template-guided attention",
            "a boundary refinement loss",
        ],
        "datasets": "the VerSe challenge data and 140 in-house scans",
        "metrics": "Dice score and Hausdorff distance",
        "baselines": "nnU-Net and TransUNet",
        "result": "VLA-Seg reaches a Dice score of 0.912 against 0.887 for nnU-Net",
        "ablation": "the shape prior contributes most of the gain on thin laminae",
        "limitation": "scans with metal implants remain difficult",
        "future": "we will extend the prior to the cervical spine",
        "code": None,
    },
    {
        "id": "2512.99008",
        "version": 1,
        "type": "new",
        "cats": ["cs.AI"],
        "title": "Serving Large Language Models under Bursty Request Traffic",
        "authors": ["Ana Silva", "Peter Novak"],
        "name": "BurstServe",
        "problem": "serving large language models when request traffic arrives in bursts",
        "gap": "static batching policies either waste GPU memory or violate latency targets "
        "when traffic spikes",
        "idea": "predicts short-term request load and adapts batch sizes and KV-cache "
        "allocation before a burst arrives",
        "parts": [
            "a lightweight load predictor",
            "a batch-size controller",
            "a KV-cache reservation policy",
        ],
        "datasets": "production request traces from two chat services",
        "metrics": "tail latency and throughput",
        "baselines": "vLLM with default scheduling and a reactive autoscaler",
        "result": "BurstServe cuts the 99th-percentile latency by 38% at equal throughput",
        "ablation": "the load predictor accounts for most of the latency reduction",
        "limitation": "the predictor must be retrained when the traffic pattern of a service "
        "changes",
        "future": "we will share predictors across services",
        "code": "https://github.com/arxiv-kb-demo/BurstServe",
    },
    {
        "id": "2512.99009",
        "version": 1,
        "type": "new",
        "cats": ["cs.LG"],
        "title": "Spectral Bounds for the Chromatic Number of Random Geometric Graphs",
        "authors": ["Olga Petrova", "Martin Keller"],
        "name": "the spectral bound",
        "problem": "bounding the chromatic number of random geometric graphs",
        "gap": "known bounds are loose in the sparse regime",
        "idea": "relates the chromatic number to the spectrum of the normalised Laplacian",
        "parts": [
            "a new eigenvalue inequality",
            "a concentration argument",
            "an efficient algorithm that certifies the bound",
        ],
        "datasets": "random geometric graphs with up to one million vertices",
        "metrics": "the gap between the bound and greedy colourings",
        "baselines": "the Hoffman bound and degeneracy bounds",
        "result": "the bound is within 4% of the greedy colouring on sparse graphs",
        "ablation": "dropping the concentration step loosens the bound by 15%",
        "limitation": "the analysis assumes a uniform density of points",
        "future": "we will treat non-uniform densities",
        "code": None,
    },
    {
        "id": "2512.99010",
        "version": 2,
        "type": "cross",
        "cats": ["cs.CL", "cs.AI"],
        "title": "Low-Resource Speech Recognition with Self-Training on Radio Archives",
        "authors": ["Amani Njoroge", "Luis Ortega"],
        "name": "RadioST",
        "problem": "speech recognition for languages with little transcribed audio",
        "gap": "self-training on web audio amplifies errors when the seed model is weak",
        "idea": "filters pseudo-labels with a confidence model trained on radio broadcasts "
        "that come with partial transcripts",
        "parts": [
            "a seed recogniser",
            "a pseudo-label confidence model",
            "three rounds of self-training",
        ],
        "datasets": "4,000 hours of radio archives in Swahili and Kikuyu",
        "metrics": "word error rate",
        "baselines": "Whisper fine-tuning and plain self-training",
        "result": "RadioST lowers the word error rate from 31.2% to 22.7% on Kikuyu",
        "ablation": "without filtering the third round of self-training makes results worse",
        "limitation": "the method needs at least some transcribed broadcasts",
        "future": "we will add more languages from the same archives",
        "code": None,
    },
]
