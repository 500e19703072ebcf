"""The fictional papers of the offline demo set (metadata, abstract and full text as data).

Written for the demo only: ids in the 2512.99xxx block cannot collide with real arXiv ids, and
every number is internally consistent within its paper. The set covers three example
interests (vision-language-action robot policies, multivariate time-series forecasting,
traffic / spatio-temporal prediction), hard negatives that use one of their keywords only in
passing, and unrelated work. Real prior work is cited by name in the texts.

Body markup (typeset by ``kb.demo``): ``# 1 Introduction`` is a section, ``## 3.1 ...`` a
subsection; every other line is one paragraph; a run of ``|`` lines is a table (caption, header,
rows; a row starting with ``*`` is set in bold); lines after ``# References`` are the entries.
Only Latin-1 characters: the PDFs use the base-14 Times fonts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPaper:
    """One fictional paper: what the feeds announce and, when ``body`` is set, its PDF text."""

    arxiv_id: str
    version: int
    categories: tuple[str, ...]  # primary first, as arXiv lists them
    title: str
    short_title: str  # the running header of the PDF
    authors: tuple[str, ...]
    affiliation: str
    abstract: str
    comment: str | None = None
    body: str | None = None  # None: the paper has no PDF in the demo set
    paper_size: str = "letter"
    submitted: str = "2025-12-08"  # first version
    updated: str = "2025-12-08"  # this version


MANIVLA = DemoPaper(
    arxiv_id="2512.99001",
    version=1,
    categories=("cs.RO", "cs.AI", "cs.CV"),
    title="ManiVLA: Scaling Vision-Language-Action Policies with Action Chunk Tokenization",
    short_title="ManiVLA",
    authors=("Lena Fischer", "Rahul Menon", "Yuki Tanaka", "Omar Haddad", "Sofia Lindqvist"),
    affiliation="Example Robotics Institute · Demo University of Technology",
    comment="5 pages, 1 figure, 3 tables. Project page: https://arxiv-kb-demo.github.io/ManiVLA/",
    abstract="Vision-language-action (VLA) models map camera images and a language instruction directly to robot actions by fine-tuning a pretrained vision-language model on robot demonstrations. Most VLA policies discretize every action dimension of every control step into its own token, so a 7-DoF arm needs seven decoding steps per control step: inference is slow, and consecutive actions are predicted independently, which produces jerky motion on real hardware. We present ManiVLA, a VLA policy that tokenizes chunks of eight future actions with a learned residual codebook and decodes a whole chunk in four tokens. The tokenizer is trained with a reconstruction loss and a smoothness loss on the decoded trajectory. Built on a 3B-parameter vision-language backbone, ManiVLA reaches an average success rate of 91.4% on the four LIBERO suites, 14.9 points above OpenVLA and 5.9 points above pi0-FAST, and produces 26.4 actions per second on a single RTX 4090, 4.3 times more than OpenVLA. On 10 real-world tasks with a Franka arm it succeeds in 78% of 200 trials. Code and checkpoints: https://github.com/arxiv-kb-demo/ManiVLA.",
    body="""
# 1 Introduction
Robots that can be told what to do in plain language, and then do it from what their cameras see, have long been a goal of robot learning. Vision-language-action (VLA) models are the most direct route to that goal so far: they start from a vision-language model pretrained on web images and text, and fine-tune it on robot demonstrations so that it outputs actions instead of words [1, 2]. Because the backbone already knows what a "red mug" or "the top drawer" looks like, VLA policies generalise to new objects and phrasings far better than policies trained from scratch.
However, current VLA policies inherit the output interface of language models in a way that fits robot control poorly. OpenVLA [2], like RT-2 [1], discretizes each of the seven dimensions of an end-effector action into 256 bins and emits one token per dimension per control step. A single action therefore costs seven sequential decoding steps of a billion-parameter network, which limits control to about 6 Hz on a consumer GPU. Worse, each step is predicted independently of the next, so the executed trajectory jitters whenever the most likely bin flips between neighbouring values, and real robots visibly hesitate.
Two lines of work address parts of this problem. Action chunking [8] predicts several future actions at once and executes them open-loop, which smooths motion and reduces the number of policy calls. Compressed action tokenizers such as FAST [6] shorten the token sequence by encoding a chunk with a discrete cosine transform before tokenization. Neither learns a token vocabulary that is both short and aware of what makes a trajectory executable on a robot.
We propose to learn that vocabulary. Our contributions are: (1) we propose ManiVLA, a VLA policy that decodes a chunk of eight 7-DoF actions as four tokens of a learned residual codebook instead of 56 per-dimension tokens; (2) we design an action chunk tokenizer trained with a reconstruction and a smoothness loss, so that every code decodes to a motion the arm can follow without jerks; (3) we evaluate ManiVLA on the LIBERO benchmark and on 10 real-world tasks with a Franka arm, where it reaches 91.4% average success in simulation and 78% in the real world while producing actions 4.3 times faster than OpenVLA. We release the tokenizer, the policy checkpoints and our 1,200 real-world demonstrations.
# 2 Related Work
Vision-language-action models. RT-2 [1] showed that co-fine-tuning a large vision-language model on web data and robot trajectories yields a policy that transfers semantic knowledge to control. OpenVLA [2] made this recipe open, with a 7B-parameter model trained on 970,000 episodes of the Open X-Embodiment dataset [11]. The pi0 model [3] replaces discrete action tokens with a flow-matching action expert attached to a 3B backbone. ManiVLA keeps discrete tokens, which lets the backbone be trained with the ordinary next-token loss, but makes them describe whole chunks.
Generalist and visuomotor policies. Octo [4] is a transformer policy trained from scratch on Open X-Embodiment with a diffusion action head. Diffusion Policy [5] models the distribution of action chunks with a denoising diffusion process and remains a strong single-task baseline. These models predict continuous actions and are fast, but they do not benefit from web-scale vision-language pretraining.
Action tokenization. FAST [6] compresses action chunks with a discrete cosine transform followed by byte-pair encoding, which shortens sequences by an order of magnitude for high-frequency control. VQ-BeT [7] learns a residual vector-quantised latent space of actions for behaviour generation, and residual quantisation itself comes from neural audio codecs [12]. Our tokenizer follows the residual design but adds a smoothness loss and is trained for a fixed chunk length, which gives a constant and small number of tokens per chunk.
Smooth execution. ACT [8] smooths chunked predictions by temporal ensembling, averaging the overlapping predictions of consecutive chunks, at the price of calling the policy at every control step. Low-pass filtering of the commanded actions is common in deployed systems, but it delays reactions and can make precise grasps overshoot. Diffusion-based policies [5] produce smooth chunks because they model whole trajectories, yet need many denoising steps per call. We obtain smoothness from the action vocabulary itself: if every code decodes to a smooth motion and boundaries are penalised during tokenizer training, no filtering or ensembling is needed at run time.
# 3 Method
ManiVLA has two parts: an action chunk tokenizer that turns eight consecutive actions into four discrete codes and back, and a vision-language backbone that predicts those codes from the current camera images and the instruction. Figure 1 shows the pipeline at inference time. The tokenizer is trained first, on demonstration actions alone; the backbone is then fine-tuned to predict the codes of the ground-truth chunks.
! Figure 1: ManiVLA at inference time. The backbone emits four chunk tokens per policy call; the tokenizer's decoder turns them into eight 7-DoF actions that are executed at 20 Hz. | Images and instruction > VLM backbone (3B) > Four chunk tokens > Decoder: eight 7-DoF actions
## 3.1 Action Chunk Tokenizer
An action is a 7-dimensional vector: the change in end-effector position, the change in orientation as Euler angles, and the gripper command. The tokenizer encodes a chunk of eight actions, a matrix of size 8 x 7, with a small 1D convolutional encoder into a latent vector of size 256. The latent is quantised by a residual vector quantiser with four levels, each with a codebook of 1,024 entries: the first level picks the nearest code, the second level quantises the residual left by the first, and so on. The four selected indices are the chunk's tokens, and a mirror-image convolutional decoder maps the sum of the selected codes back to eight actions.
We train the tokenizer with three terms. The reconstruction term is the L1 distance between the input chunk and the decoded chunk. The commitment term of standard vector quantisation keeps the encoder output close to the selected codes. The smoothness term penalises the squared second differences of the decoded positions and orientations within a chunk and across the boundary with the previous chunk, weighted by 0.1. Without it, codes that reconstruct well on average can still decode to small back-and-forth motions that the arm executes faithfully and that look like hesitation.
The tokenizer is trained on about 300,000 chunks extracted with a stride of one step from the training demonstrations, for 200,000 steps on one GPU in two hours. On held-out demonstrations the decoded actions differ from the originals by 0.8 mm in position and 0.4 degrees in orientation on average, well below the repeatability of teleoperated demonstrations.
Codebook collapse, where only a few entries are ever selected, is a known failure of vector quantisation. We re-initialise entries that were not selected for 1,000 steps with randomly chosen encoder outputs, which keeps 97% of the entries of every level in use. The levels specialise without being told to: the first level mostly encodes the direction and speed of the end effector, while the gripper command is resolved in the second and third levels.
## 3.2 Backbone and Training
The backbone is initialised from an open 3B-parameter vision-language model [9]. It receives two 224 x 224 images, one from a third-person camera and one from a wrist camera, and the instruction as text. We add the 4 x 1,024 codebook entries to its vocabulary as new tokens with their own embeddings and train the model to emit the four tokens of the ground-truth chunk after the prompt, with the ordinary cross-entropy loss. Because the four tokens come from successive residual levels, the model predicts the coarse motion first and refines it with each token.
We fine-tune all weights for 30,000 steps with a batch size of 256, a learning rate of 2e-5 with cosine decay, and random crops and colour jitter on the images. Training takes 22 hours on eight A100 GPUs for the LIBERO policy; the real-robot policy is fine-tuned from it for 5,000 further steps on our demonstrations.
## 3.3 Chunk-Level Decoding
At every policy call, ManiVLA decodes four tokens greedily and turns them into eight actions with the tokenizer's decoder. The robot executes the chunk at 20 Hz while the next call is computed, and the first action of each new chunk is blended with the last action of the previous one to avoid a step at the boundary. On a single RTX 4090, one policy call takes 0.303 seconds, so the policy produces 26.4 actions per second, whereas OpenVLA needs 0.164 seconds for each single action, or 6.1 actions per second.
# 4 Experiments
We evaluate ManiVLA in simulation, where published baselines allow a direct comparison, and on a real robot, where smoothness and speed matter most. We then ablate the tokenizer and analyse the failures.
## 4.1 Setup
LIBERO [10] has four suites of ten tasks each: Spatial (the same objects in different layouts), Object (different objects), Goal (different goals in the same scene) and Long (long-horizon tasks that chain several steps). Each task comes with 50 demonstrations. We train one policy on all four suites and run 50 trials per task, that is 500 trials per suite, with three seeds.
The real-world setup is a Franka Emika Panda arm with a third-person and a wrist camera. We collected 120 teleoperated demonstrations for each of 10 tabletop tasks, 1,200 in total, including putting a carrot in a bowl, opening the top drawer, stacking cups, and wiping the table with a sponge. Each policy is run 20 times per task, 200 trials in total, with object positions randomised between trials.
We report the task success rate, the action rate in actions per second, and the jerk of the executed end-effector trajectory relative to OpenVLA. We compare with Diffusion Policy [5], Octo [4], OpenVLA [2] and pi0-FAST [6]. LIBERO numbers of the baselines are those reported by their authors under the same protocol; on the real robot we fine-tune Diffusion Policy, Octo and OpenVLA on our demonstrations with their recommended settings.
## 4.2 Main Results
Table 1 shows that ManiVLA reaches an average success rate of 91.4% on LIBERO, 14.9 points above OpenVLA and 5.9 points above pi0-FAST. The gain is largest on LIBERO-Long, where ManiVLA succeeds in 82.2% of trials against 60.2% for pi0-FAST: long tasks chain several motions, and smooth chunk boundaries make it less likely that one hesitant motion knocks an object out of place. On LIBERO-Spatial, pi0-FAST remains slightly better, with 96.4% against 95.1%.
| Table 1: Success rate (%) on the four LIBERO suites, 500 trials per suite. Baseline numbers as reported by their authors.
| Model | Spatial | Object | Goal | Long | Avg.
| Diffusion Policy | 78.3 | 92.5 | 68.3 | 50.5 | 72.4
| Octo | 78.9 | 85.7 | 84.6 | 51.1 | 75.1
| OpenVLA | 84.7 | 88.4 | 79.2 | 53.7 | 76.5
| pi0-FAST | 96.4 | 96.8 | 88.6 | 60.2 | 85.5
| *ManiVLA (ours) | 95.1 | 97.0 | 91.3 | 82.2 | 91.4
On the real robot (Table 2), ManiVLA succeeds in 156 of 200 trials (78%), against 116 for Diffusion Policy, 104 for OpenVLA and 82 for Octo. It produces 26.4 actions per second, 4.3 times more than OpenVLA, and the jerk of its trajectories is 37% lower than that of OpenVLA. The smoothness is visible in the videos: OpenVLA often pauses and corrects its approach just before grasping, while ManiVLA approaches in one continuous motion.
| Table 2: Real-world results on 10 tasks (200 trials): success rate, action rate and jerk relative to OpenVLA.
| Model | Success (%) | Rate (Hz) | Rel. jerk
| Diffusion Policy | 58.0 | 9.8 | 0.71
| Octo | 41.0 | 14.2 | 0.83
| OpenVLA | 52.0 | 6.1 | 1.00
| *ManiVLA (ours) | 78.0 | 26.4 | 0.63
## 4.3 Ablation Study
Removing the smoothness loss from the tokenizer barely changes the LIBERO average (90.2% against 91.4%), but it lowers real-robot success from 78% to 64% and raises the relative jerk from 0.63 to 0.94. Simulated contacts are forgiving; real ones are not, and the small oscillations of the decoded actions make grasps slip.
The chunk length trades speed against reactivity. With chunks of 4, 8 and 16 actions, the LIBERO average is 89.9%, 91.4% and 88.0%, and since every chunk costs the same four tokens, the action rate is 13.2, 26.4 and 52.8 actions per second. Chunks of 16 actions are executed open-loop for 0.8 seconds, which is too long to correct a grasp that starts to fail. A codebook of 256 entries per level lowers the average to 88.7%, while 4,096 entries give 91.0%, no better than 1,024. Removing the wrist camera lowers the LIBERO average to 86.3%, mostly through failed grasps of small objects. Table 3 collects these results.
| Table 3: Ablations: LIBERO average success and real-robot success (%). Real-robot trials were run only for the smoothness ablation.
| Variant | LIBERO | Real robot
| *ManiVLA (8 actions, 1,024 codes) | 91.4 | 78.0
| w/o smoothness loss | 90.2 | 64.0
| chunks of 4 actions | 89.9 | n/a
| chunks of 16 actions | 88.0 | n/a
| 256 codes per level | 88.7 | n/a
| 4,096 codes per level | 91.0 | n/a
| w/o wrist camera | 86.3 | n/a
## 4.4 Failure Analysis
We inspected the 44 failed real-robot trials of ManiVLA. Nineteen are grasp failures on transparent or reflective objects, such as a glass jar, whose depth the cameras render poorly. Fourteen are misalignments with articulated objects, mostly drawers that were pulled at an angle and jammed. Eleven are instruction errors in which the policy manipulated a different object than the one named, all in scenes with two objects of similar colour.
The failures cluster in time as well. Thirty-one of the 44 failures begin within the first two chunks after contact with an object, when small position errors matter most, and in 23 of them the policy attempted a second grasp that also failed. A re-grasp behaviour learned from failure demonstrations, which our teleoperators rarely produced, could recover some of these trials.
## 4.5 Generalisation
To test whether the backbone's knowledge survives the new action vocabulary, we ran five additional real-world tasks with objects that never appear in our demonstrations, such as a toy banana and a stapler, 20 trials each. ManiVLA succeeds in 61 of 100 trials, against 47 for OpenVLA and 58 for pi0-FAST, which we fine-tuned on our demonstrations for this experiment. When the instructions of the original ten tasks are paraphrased by people who did not see the training data, ManiVLA's success drops only from 78% to 74%, whereas Diffusion Policy, which has no pretrained language understanding, drops from 58% to 31%.
We also measured inference on an embedded computer. On a Jetson AGX Orin, one policy call takes 1.9 seconds, which gives only 4.2 actions per second and is too slow for the 20 Hz controller; on-board deployment would require a smaller backbone or quantisation.
# 5 Limitations
Our approach has several limitations. The tokenizer is trained per embodiment: its codes describe chunks of 7-DoF end-effector deltas of a Franka arm at 20 Hz, and a robot with another action space or control rate needs new demonstrations and a new codebook before the policy transfers. Retraining the tokenizer is cheap, about two GPU hours, but the backbone must then be fine-tuned again on the new codes.
Chunks are executed open-loop for 0.4 seconds, so the policy cannot react to a disturbance in the middle of a chunk; in informal tests, pushing an object during the approach caused most grasps to miss. The evaluation covers tabletop tasks with a single arm and fixed cameras, and the policy has no force or tactile input: the wiping task, which depends on contact force, has the lowest real-world success rate of all ten tasks, at 45%.
# 6 Conclusion and Future Work
We presented ManiVLA, a vision-language-action policy that decodes chunks of eight actions as four tokens of a learned residual codebook. The smoothness-aware tokenizer makes decoding 4.3 times faster than per-dimension tokens and produces trajectories that real robots execute without hesitation, which raises success to 91.4% on LIBERO and 78% on real tasks.
In future work we plan to share one codebook across embodiments by conditioning the decoder on a description of the robot, and to add tactile input for contact-rich tasks such as wiping. We will also study closed-loop re-planning within a chunk and extend the tokenizer to bimanual arms, whose 14-dimensional actions make compression even more valuable.
# References
A. Brohan, N. Brown, J. Carbajal, Y. Chebotar, et al. RT-2: Vision-language-action models transfer web knowledge to robotic control. In CoRL, 2023.
M. J. Kim, K. Pertsch, S. Karamcheti, T. Xiao, et al. OpenVLA: An open-source vision-language-action model. In CoRL, 2024.
K. Black, N. Brown, D. Driess, A. Esmail, et al. pi0: A vision-language-action flow model for general robot control. arXiv preprint, 2024.
Octo Model Team, D. Ghosh, H. Walke, K. Pertsch, et al. Octo: An open-source generalist robot policy. In RSS, 2024.
C. Chi, S. Feng, Y. Du, Z. Xu, E. Cousineau, B. Burchfiel, and S. Song. Diffusion policy: Visuomotor policy learning via action diffusion. In RSS, 2023.
K. Pertsch, K. Stachowicz, B. Ichter, D. Driess, et al. FAST: Efficient action tokenization for vision-language-action models. arXiv preprint, 2025.
S. Lee, Y. Wang, H. Etukuru, H. J. Kim, N. M. M. Shafiullah, and L. Pinto. Behavior generation with latent actions. In ICML, 2024.
T. Z. Zhao, V. Kumar, S. Levine, and C. Finn. Learning fine-grained bimanual manipulation with low-cost hardware. In RSS, 2023.
L. Beyer, A. Steiner, A. S. Pinto, A. Kolesnikov, et al. PaliGemma: A versatile 3B VLM for transfer. arXiv preprint, 2024.
B. Liu, Y. Zhu, C. Gao, Y. Feng, Q. Liu, Y. Zhu, and P. Stone. LIBERO: Benchmarking knowledge transfer for lifelong robot learning. In NeurIPS Datasets and Benchmarks, 2023.
Open X-Embodiment Collaboration. Open X-Embodiment: Robotic learning datasets and RT-X models. In ICRA, 2024.
N. Zeghidour, A. Luebs, A. Omran, J. Skoglund, and M. Tagliasacchi. SoundStream: An end-to-end neural audio codec. IEEE/ACM Transactions on Audio, Speech, and Language Processing, 2022.
""",
)

INSTRUCT2ACT = DemoPaper(
    arxiv_id="2512.99002",
    version=1,
    categories=("cs.RO", "cs.CV", "cs.CL"),
    title="Instruct2Act: Grounding Spoken Instructions in Visuomotor Policies for Household Manipulation",
    short_title="Instruct2Act",
    authors=("Marta Kowalska", "Daniel Osei", "Priya Raman", "Hugo Lefèvre"),
    affiliation="Demo Institute for Home Robotics · Example Polytechnic University",
    comment="4 pages, 1 figure, 2 tables",
    abstract='Household robots should act on requests such as "put the chipped mug next to the kettle", spoken by people who do not know how the robot works. Modular pipelines first transcribe and parse the request, then ground object names with a detector and call a motion planner; they break down when the request is ambiguous or refers to objects by their appearance rather than by category. We present Instruct2Act, a language-conditioned visuomotor policy that maps camera images and a transcribed spoken instruction directly to continuous arm motions. Image patches and instruction tokens are fused by cross-attention in a transformer pretrained on image-text pairs, and a flow-matching action head outputs 16-step motion segments. We train it with instructions rewritten into free-form and appearance-based paraphrases and rendered as speech. On the CALVIN ABC-to-D benchmark, Instruct2Act completes on average 3.58 consecutive tasks, against 3.27 for 3D Diffuser Actor and 3.06 for GR-1. In 240 trials in six real kitchens it succeeds in 72.1% of trials, against 51.7% for a modular pipeline, and the gap widens to 35 points for requests that refer to objects by appearance.',
    body="""
# 1 Introduction
People who share their home with a robot will talk to it the way they talk to each other. They will say "the blue one", "the mug with the chipped handle" or "put that back where it was", and they will not rephrase a request into the vocabulary of the robot's object detector. A household manipulation system must therefore turn short, spoken, often underspecified requests into arm motions, using what its cameras see to resolve what the words leave open.
The common answer is a modular pipeline. A speech recogniser transcribes the request, a language model parses it into a symbolic goal, an open-vocabulary detector grounds the object names in the image, and a motion planner executes the goal [6, 7]. Each module is strong on its own, but errors compound: a detector that was asked for a "mug" cannot know that the user meant the chipped one, and a parser that outputs a category discards exactly the appearance cues that would have disambiguated the scene. In our kitchen trials, 58% of the failures of such a pipeline trace back to a wrong object after grounding.
End-to-end language-conditioned policies avoid this bottleneck by learning from demonstrations to map images and instructions directly to actions [1, 4, 5]. They can exploit any visual detail that the instruction refers to. However, they are usually trained and evaluated with typed, templated instructions such as "open the drawer", so they rarely see free-form or appearance-based requests, and never the errors that speech recognition introduces.
We close this gap. Our contributions are: (1) we propose Instruct2Act, a visuomotor policy that fuses image patches and instruction tokens with bidirectional cross-attention and predicts continuous 16-step motion segments with a flow-matching head; (2) we design an instruction augmentation that rewrites templated instructions into free-form and appearance-based paraphrases rendered as noisy speech; (3) we evaluate on the CALVIN benchmark and in six real kitchens, where Instruct2Act outperforms end-to-end baselines and a modular pipeline. We also release a test set of 2,400 spoken household requests recorded in real kitchens.
# 2 Related Work
Language to plans. SayCan [6] scores the feasibility of skills proposed by a language model with learned value functions, and Code as Policies [7] lets a language model write robot programs that call perception and control primitives. Both rely on a fixed set of skills and on detectors that ground object names, which is the step that appearance-based requests stress most.
Language-conditioned policies. CLIPort [8] combines a pretrained image-text model with a spatial transport network for tabletop pick-and-place. RT-1 [1] trains a transformer on 130,000 real demonstrations with tokenized actions. On the CALVIN benchmark [2], HULC [3] introduced hierarchical latent plans, GR-1 [4] pretrains on video prediction before learning actions, and 3D Diffuser Actor [5] denoises actions conditioned on a 3D scene representation. Our policy is closest to GR-1 in its transformer backbone and to 3D Diffuser Actor in its generative action head, but it fuses language and vision with cross-attention at every layer rather than with a single prefix token.
Speech interfaces. Robust speech recognition models such as Whisper [9] make spoken interaction practical, but recognition errors on short commands in noisy kitchens are still frequent. We fine-tune the recogniser on household commands and train the policy on recognised, not clean, transcripts.
# 3 Method
Instruct2Act receives the transcript of a spoken request and two camera images, one from a static camera and one from the gripper, and outputs a segment of 16 future actions. Figure 1 gives an overview. Each action is a 7-dimensional vector of relative end-effector position and orientation and a gripper command.
! Figure 1: Instruct2Act. A fine-tuned recogniser transcribes the request; image patches and instruction tokens attend to each other; a flow-matching head outputs a 16-step motion segment. | Spoken request and transcript > Patch and token cross-attention > Flow-matching action head > 16-step motion segment
## 3.1 Speech Front End
We fine-tune Whisper-small [9] on 30 hours of household commands spoken by 64 volunteers and mixed with recorded kitchen noise, such as extractor fans, running water and dishwashers. On held-out speakers, the word error rate drops from 11.8% for the original model to 6.1%. Most remaining errors concern object names that are rare in general speech, such as "colander" or "whisk".
## 3.2 Fusing Images and Instructions
Both images are resized to 200 x 200 pixels and encoded by a ViT-B/16 image encoder initialised from CLIP [11], which gives 169 patch tokens per image. The transcript is encoded by CLIP's text encoder into at most 32 instruction tokens. Four fusion layers follow, each with self-attention over the patch tokens, cross-attention from patches to instruction tokens and cross-attention from instruction tokens back to patches. Attending in both directions lets a phrase such as "the chipped one" select the patches of one particular mug, and lets the patches of that mug in turn sharpen the representation of the phrase.
A learned query token attends to the fused patch and instruction tokens and summarises them into a 512-dimensional context vector, which conditions the action head together with the proprioceptive state of the arm.
## 3.3 Flow-Matching Action Head
The action head is a small transformer that models the distribution of 16-step motion segments with flow matching [10]. During training it learns a velocity field that transports Gaussian noise to the demonstrated segment along straight paths; at inference we integrate this field in 10 Euler steps. A generative head matters because demonstrations of the same request are often multi-modal, for example passing to the left or to the right of an obstacle, and a regression head averages such modes into a path that hits the obstacle. One policy call takes 48 ms on an RTX 3090, and the robot executes the first 8 actions of each segment before calling the policy again.
## 3.4 Instruction Augmentation
CALVIN annotates its training data with 34 task templates. For every template we generate 20 free-form paraphrases and, where the scene allows it, appearance-based variants that name an object by colour, shape or position instead of by category, with a language model prompted with the scene description. All instructions are rendered as speech with 12 synthetic voices, mixed with kitchen noise and transcribed by our recogniser, so the policy is trained on the transcripts it will actually receive, including their errors.
# 4 Experiments
We evaluate Instruct2Act on the CALVIN benchmark, which allows a comparison with published results, and in real kitchens with spoken requests from people who were not involved in the project.
## 4.1 Setup
CALVIN [2] consists of four simulated environments, A to D, that differ in textures and in the positions of a drawer, a sliding door, buttons and blocks. In the ABC-to-D setting, policies are trained on environments A, B and C and tested on the unseen environment D with 1,000 chains of five consecutive instructions. We report the success rate of completing the first 1 to 5 tasks of a chain and the average number of completed tasks, the average length.
For the real-world evaluation we installed a Franka arm in six kitchens and defined 24 tasks, such as putting a named object into a cupboard or moving a cup next to the kettle. Eight of the tasks refer to objects only by appearance. Each task was run 10 times with requests spoken by the kitchen's residents, 240 trials in total, 80 of them with appearance-based requests. The real-world policy was fine-tuned on 2,000 teleoperated demonstrations collected in two other kitchens.
Baselines on CALVIN are HULC [3], RT-1 [1], GR-1 [4] and 3D Diffuser Actor [5], with the numbers reported by their authors. In the kitchens we compare with a modular pipeline made of our recogniser, a language model parser, the OWL-ViT open-vocabulary detector [12] and a grasp and motion planner, and with two ablations of our policy.
## 4.2 Main Results
Table 1 shows the results on CALVIN ABC-to-D. Instruct2Act completes on average 3.58 consecutive tasks, against 3.27 for 3D Diffuser Actor and 3.06 for GR-1, and it completes all five tasks of a chain in 50.3% of the chains. When the test instructions are replaced by free-form paraphrases that were not seen in training, the average length of GR-1 falls to 2.41, while that of Instruct2Act falls only to 3.37.
| Table 1: CALVIN ABC-to-D: success rate (%) of completing the first 1 to 5 tasks of a chain, and average length. Baselines as reported.
| Model | 1 | 2 | 3 | 4 | 5 | Avg. len.
| HULC | 41.8 | 16.5 | 5.7 | 1.9 | 1.1 | 0.67
| RT-1 | 53.3 | 22.2 | 9.4 | 3.8 | 1.3 | 0.90
| GR-1 | 85.4 | 71.2 | 59.6 | 49.7 | 40.1 | 3.06
| 3D Diffuser Actor | 92.2 | 78.7 | 63.9 | 51.2 | 41.2 | 3.27
| *Instruct2Act (ours) | 93.8 | 83.1 | 71.5 | 59.2 | 50.3 | 3.58
In the real kitchens (Table 2), Instruct2Act succeeds in 173 of 240 trials (72.1%), against 124 trials (51.7%) for the modular pipeline. The difference is largest for appearance-based requests: Instruct2Act succeeds in 55 of 80 such trials (68.8%), the pipeline in 27 (33.8%), a gap of 35 points. The pipeline's failures on these requests are almost all grounding errors: the detector finds a mug, but not the one the user meant.
| Table 2: Success rate (%) in six real kitchens: all 240 trials and the 80 trials with appearance-based requests.
| System | All | Appearance
| Modular pipeline | 51.7 | 33.8
| Instruct2Act w/o augmentation | 63.3 | 47.5
| Instruct2Act w/o cross-attention | 65.0 | 50.0
| *Instruct2Act (ours) | 72.1 | 68.8
## 4.3 Ablation Study
Without cross-attention, when the instruction enters the policy only as a pooled embedding, success on appearance-based requests drops by 19 points, from 68.8% to 50.0%, while the overall success falls to 65.0%. Training without instruction augmentation, on the templated instructions only, lowers overall success to 63.3%. Replacing the flow-matching head with a regression head trained with a mean squared error lowers the CALVIN average length from 3.58 to 3.02, and segments of 8, 16 and 32 steps give 3.41, 3.58 and 3.22. With the off-the-shelf recogniser instead of the fine-tuned one, real-world success falls to 66.7%.
# 5 Limitations
Our study has limitations. The policy still fails on deformable objects: in the four kitchen tasks that involve towels or bags it succeeds in only 9 of 40 trials, because the demonstrations contain too few examples of how cloth reacts to a grasp. The speech front end adds about 0.6 seconds of latency before the arm starts to move, which users noticed and sometimes filled by repeating the request.
All requests were in English, and the augmentation relies on paraphrases written by a language model, which may not reflect how people actually phrase requests in other languages or households. Finally, always-on microphones in homes raise privacy concerns; our system processes audio on the robot, but we did not study how residents perceive this.
# 6 Conclusion and Future Work
We presented Instruct2Act, a language-conditioned visuomotor policy that turns spoken household requests and camera images directly into arm motions. Cross-attention between image patches and instruction tokens, a flow-matching action head and training on augmented spoken instructions let it outperform published policies on CALVIN and a modular pipeline in real kitchens, most clearly when people refer to objects by their appearance.
Future work will collect demonstrations with deformable objects and study safety constraints for contact-rich tasks near people. We also plan to extend the speech front end to more languages and to let the robot ask a short clarifying question when a request remains ambiguous after looking at the scene.
# References
A. Brohan, N. Brown, J. Carbajal, Y. Chebotar, et al. RT-1: Robotics transformer for real-world control at scale. In RSS, 2023.
O. Mees, L. Hermann, E. Rosete-Beas, and W. Burgard. CALVIN: A benchmark for language-conditioned policy learning for long-horizon robot manipulation tasks. IEEE Robotics and Automation Letters, 2022.
O. Mees, L. Hermann, and W. Burgard. What matters in language conditioned robotic imitation learning over unstructured data. IEEE Robotics and Automation Letters, 2022.
H. Wu, Y. Jing, C. Cheang, G. Chen, et al. Unleashing large-scale video generative pre-training for visual robot manipulation. In ICLR, 2024.
T.-W. Ke, N. Gkanatsios, and K. Fragkiadaki. 3D Diffuser Actor: Policy diffusion with 3D scene representations. In CoRL, 2024.
M. Ahn, A. Brohan, N. Brown, Y. Chebotar, et al. Do as I can, not as I say: Grounding language in robotic affordances. In CoRL, 2022.
J. Liang, W. Huang, F. Xia, P. Xu, K. Hausman, B. Ichter, P. Florence, and A. Zeng. Code as policies: Language model programs for embodied control. In ICRA, 2023.
M. Shridhar, L. Manuelli, and D. Fox. CLIPort: What and where pathways for robotic manipulation. In CoRL, 2021.
A. Radford, J. W. Kim, T. Xu, G. Brockman, C. McLeavey, and I. Sutskever. Robust speech recognition via large-scale weak supervision. In ICML, 2023.
Y. Lipman, R. T. Q. Chen, H. Ben-Hamu, M. Nickel, and M. Le. Flow matching for generative modeling. In ICLR, 2023.
A. Radford, J. W. Kim, C. Hallacy, A. Ramesh, et al. Learning transferable visual models from natural language supervision. In ICML, 2021.
M. Minderer, A. Gritsenko, A. Stone, M. Neumann, et al. Simple open-vocabulary object detection with vision transformers. In ECCV, 2022.
""",
)

PATCHMIXER = DemoPaper(
    arxiv_id="2512.99003",
    version=1,
    categories=("cs.LG", "cs.AI", "stat.ML"),
    title="PatchMixer-X: Channel-Aware Patch Mixing for Long-Horizon Multivariate Time Series Forecasting",
    short_title="PatchMixer-X",
    authors=("Hannah Becker", "Wei Zhang", "Carlos Ruiz"),
    affiliation="Example Center for Data Science · Demo Technical University",
    comment="4 pages, 1 figure, 2 tables. Code: https://github.com/arxiv-kb-demo/PatchMixer-X",
    paper_size="a4",
    abstract="Long-horizon multivariate time series forecasting has to decide how much information to share between variables. Channel-independent patch models such as PatchTST forecast every variable on its own and are robust, but they ignore correlations between variables; models that mix all channels, such as iTransformer, exploit those correlations but overfit and become expensive when there are hundreds of variables. We propose PatchMixer-X, an all-MLP forecaster that mixes information across channels only through a small number of learned channel groups. Variables are embedded as patches with shared weights, softly assigned to K groups, mixed by alternating MLPs along the time and group dimensions, and projected back to their own forecasts. On the ETTh1, ETTm2, Weather, Electricity and Traffic benchmarks with horizons from 96 to 720 steps, PatchMixer-X lowers the mean squared error by 7.8% on average relative to PatchTST, with the largest gains on the high-dimensional Electricity (11.9%) and Traffic (12.8%) datasets, and it trains 2.6 times faster than iTransformer.",
    body="""
# 1 Introduction
Forecasting many related quantities far into the future is a routine task in energy, weather and industry: a grid operator forecasts the load of hundreds of substations for the next week, and a weather service forecasts a few dozen meteorological variables for the next days. Multivariate time series forecasting with long horizons has therefore become a central benchmark for sequence models, with a standard suite of datasets and horizons of up to 720 steps.
A surprising lesson of recent work is that modelling the interactions between variables often hurts. DLinear [3] showed that a linear model applied to every variable separately beats elaborate transformers, and PatchTST [1] made channel independence the default: it splits each variable's history into patches and forecasts each variable with shared weights but without looking at the others. Channel independence acts as a strong regulariser, because the model cannot latch onto spurious correlations between variables that do not hold in the test period.
However, real correlations between variables do exist, and ignoring them leaves accuracy on the table. The 321 clients of the Electricity dataset follow a few typical consumption profiles, and the 862 sensors of the Traffic dataset share rush hours. Models that mix all channels, such as iTransformer [2], which treats every variable as a token and applies attention across variables, do profit on these datasets, but their cost grows quadratically with the number of variables and they overfit on datasets with few, weakly related variables.
We propose a middle ground: share information between variables, but only through a small bottleneck. Our contributions are: (1) we propose PatchMixer-X, an all-MLP forecaster that softly assigns variables to K learned channel groups and mixes information only within and between groups; (2) we design a channel-grouping layer that learns interpretable groups and makes channel mixing linear rather than quadratic in the number of variables; (3) we evaluate on five standard benchmarks with four horizons each, where PatchMixer-X lowers the mean squared error by 7.8% on average relative to PatchTST and trains 2.6 times faster than iTransformer. Our code and configurations are public.
# 2 Related Work
Transformers for long-horizon forecasting. Informer [5] introduced sparse attention for long sequences, Autoformer [6] replaced attention with auto-correlation and series decomposition, and FEDformer [7] moved attention to the frequency domain. The simple linear baselines of DLinear [3] questioned the value of these designs, and PatchTST [1] restored the lead of transformers by combining patching with channel independence.
Mixing architectures. TSMixer [8] showed that MLPs that alternate between mixing along time and along variables are competitive with transformers. TimesNet [4] reshapes a series into 2D according to its dominant periods and applies 2D convolutions. PatchMixer-X also alternates mixing directions, but it mixes along learned groups rather than along all variables.
Channel dependence. Crossformer [9] applies attention along both time and variable dimensions with a router mechanism, and iTransformer [2] inverts the transformer so that attention runs across variables. Both model channel dependence explicitly, at quadratic cost. Our channel groups can be seen as a low-rank factorisation of the variable-mixing matrix, which keeps the benefits of mixing at a linear cost.
# 3 Method
Given the last L observations of C variables, PatchMixer-X predicts the next H observations of all variables. Figure 1 outlines the model: a shared patch embedding turns each variable into a sequence of patch tokens, a grouping layer pools the variables into K groups, mixing layers alternate between the time and group dimensions, and a linear head produces each variable's forecast. We use L = 512 throughout and normalise each variable with reversible instance normalisation [10].
! Figure 1: PatchMixer-X. Variables share a patch embedding, are softly pooled into K groups, mixed along time and groups, and scattered back to per-variable forecasts. | Shared patch embedding > Soft channel grouping (K groups) > Time and group mixing > Per-variable linear head
## 3.1 Patch Embedding
Each variable's normalised history is split into patches of 16 steps with a stride of 8, which gives 63 patches for L = 512. A linear layer shared by all variables embeds every patch into d = 128 dimensions, and a learned positional embedding is added. Up to this point, variables are treated exactly as in PatchTST, which keeps the strong inductive bias of channel independence in the first layer.
## 3.2 Soft Channel Grouping
Every variable c has a learned embedding e_c of dimension 16. The grouping layer computes a soft assignment matrix S of size C x K with a softmax over groups of the products of e_c with K learned group prototypes, divided by a temperature of 0.5. The representation of group k is the assignment-weighted average of the patch tokens of all variables, so the K group sequences summarise the C variables.
To keep assignments decisive, we add an entropy regulariser on the rows of S with weight 0.01; without it, many variables spread their weight evenly over all groups and the groups carry little information. The number of groups is a hyperparameter. We use K = 2 for the two ETT datasets with 7 variables, K = 8 for Weather with 21 variables, K = 16 for Electricity and K = 32 for Traffic.
## 3.3 Mixing and Output
Three mixing layers follow. Each applies an MLP along the patch dimension of every group sequence, then an MLP along the group dimension at every patch position, both with residual connections and layer normalisation. The mixed group tokens are scattered back to the variables with the transposed assignment matrix and added to each variable's own patch tokens, so every variable receives the information of the groups it belongs to. A linear head flattens each variable's tokens and predicts its H future values. Mixing through K groups costs O(CK) per layer instead of the O(C^2) of attention across all variables.
# 4 Experiments
We test whether grouped channel mixing improves accuracy over channel-independent and fully channel-mixing models, how it scales with the number of variables, and how sensitive it is to the number of groups.
## 4.1 Datasets, Metrics and Baselines
We use five public benchmarks: ETTh1 (7 variables of an electricity transformer, hourly, 17,420 steps), ETTm2 (the same variables every 15 minutes, 69,680 steps), Weather (21 meteorological variables every 10 minutes, 52,696 steps), Electricity (hourly load of 321 clients, 26,304 steps) and Traffic (hourly road occupancy of 862 sensors, 17,544 steps). We use chronological splits of 6:2:2 for the ETT datasets and 7:1:2 for the others.
We forecast H = 96, 192, 336 and 720 steps and report the mean squared error (MSE) and mean absolute error (MAE) on the normalised data, averaged over the four horizons. Baselines are PatchTST [1], iTransformer [2], DLinear [3] and TimesNet [4]. For a fair comparison we re-run all baselines with the same look-back window of 512 steps and tune their learning rates on the validation sets. All results are averages of three seeds on one NVIDIA A100 GPU.
## 4.2 Main Results
Table 1 shows the average MSE over the four horizons. PatchMixer-X is the most accurate model on all five datasets and lowers the MSE by 7.8% on average relative to PatchTST. The gains grow with the number of variables: 3.6% on ETTh1 and 5.1% on ETTm2 with 7 variables each, 5.3% on Weather, 11.9% on Electricity and 12.8% on Traffic. The MAE follows the same pattern; on Electricity, for example, it falls from 0.253 for PatchTST to 0.236.
| Table 1: Average MSE over horizons 96 to 720 with a look-back of 512 steps (lower is better, mean of three seeds).
| Model | ETTh1 | ETTm2 | Weather | Elec. | Traffic
| DLinear | 0.423 | 0.267 | 0.246 | 0.166 | 0.434
| TimesNet | 0.458 | 0.291 | 0.259 | 0.192 | 0.620
| iTransformer | 0.447 | 0.278 | 0.241 | 0.163 | 0.380
| PatchTST | 0.413 | 0.256 | 0.226 | 0.159 | 0.391
| *PatchMixer-X | 0.398 | 0.243 | 0.214 | 0.140 | 0.341
iTransformer, which mixes all channels, beats PatchTST on Traffic but is worse on the four other datasets, which confirms that full channel mixing helps only where many variables are strongly related. PatchMixer-X profits on Traffic as well, with an MSE of 0.341 against 0.380 for iTransformer, without losing accuracy on the small datasets.
The advantage holds at every horizon and grows with it. On Electricity, PatchMixer-X reaches an MSE of 0.121, 0.134, 0.145 and 0.160 at horizons 96, 192, 336 and 720, against 0.129, 0.147, 0.163 and 0.197 for PatchTST, so the relative improvement rises from 6.2% at 96 steps to 18.8% at 720 steps. Long horizons are where a single variable's own history is least informative and the behaviour of related variables helps most.
PatchMixer-X is also efficient. On Traffic, one training run takes 41 minutes and 5.2 GB of GPU memory, against 107 minutes and 11.8 GB for iTransformer, which makes it 2.6 times faster. PatchTST needs 64 minutes, because it processes the 862 variables as separate sequences through a transformer.
## 4.3 Ablation Study
Table 2 isolates the grouping layer on the two largest datasets. Forcing a single group, K = 1, recovers channel independence and loses most of the gain: the MSE on Electricity rises from 0.140 to 0.158, close to the 0.159 of PatchTST. Setting K equal to the number of variables gives full channel mixing, which is better than independence but worse than grouping, and overfits visibly on Traffic, where the validation loss starts to rise after a few epochs. Hard assignments trained with a straight-through estimator and training without the entropy regulariser both cost a little accuracy.
| Table 2: Ablations of the channel grouping, average MSE.
| Variant | Electricity | Traffic
| *PatchMixer-X | 0.140 | 0.341
| K = 1 (channel-independent) | 0.158 | 0.389
| K = C (full mixing) | 0.151 | 0.372
| hard assignments | 0.146 | 0.352
| w/o entropy regulariser | 0.143 | 0.347
The model is not very sensitive to the number of groups near its optimum. On Electricity, K = 4, 8, 16, 32 and 64 give an MSE of 0.149, 0.144, 0.140, 0.141 and 0.146. The learned groups are interpretable: on Electricity, one group collects clients with a midday peak on weekdays, which look like offices and shops, and another collects clients with evening peaks every day, which look like households.
## 4.4 Scaling with the Number of Variables
To measure how accuracy and cost grow with the number of variables, we generate synthetic series in which C variables, from 100 to 10,000, are noisy mixtures of 20 latent seasonal factors. Because the factors are known, we can also train an oracle model that receives them as inputs. With K = 32 groups, PatchMixer-X comes within 3% of the oracle's MSE at every C, whereas PatchTST, which cannot pool evidence across variables, stays 21% above it.
The cost of PatchMixer-X grows linearly: it needs 1.1 GB of GPU memory at C = 1,000 and 9.6 GB at C = 10,000 with a batch size of 32. iTransformer needs 38 GB at C = 2,000 and runs out of memory on a 40 GB GPU beyond 2,500 variables. Grouped mixing therefore makes channel-aware forecasting practical for the sensor counts of large industrial plants and power grids.
# 5 Limitations
Our approach has limitations. The number of channel groups is a hyperparameter that must be tuned per dataset; although the results are flat near the optimum, a poor choice costs accuracy, and the best value grows with the number of variables. The grouping also assumes that all variables are sampled regularly and aligned in time, which excludes irregularly sampled clinical or sensor data with missing values.
The groups are static: a client whose consumption profile changes, for example when an office becomes a flat, stays in its old group until the model is retrained. Finally, the five benchmarks are small and well studied, and improvements of a few percent on them may not carry over to forecasting problems with stronger distribution shifts.
# 6 Conclusion and Future Work
We presented PatchMixer-X, a forecaster that shares information between variables only through a small number of learned channel groups. It combines the robustness of channel-independent patch models with the accuracy gains of channel mixing, lowering the MSE by 7.8% on average relative to PatchTST on five benchmarks, at a cost linear in the number of variables.
In future work, we will learn the number of groups from data with a nonparametric prior, let the assignments vary over time, and extend the model to irregularly sampled series by replacing fixed patches with time-aware embeddings.
# References
Y. Nie, N. H. Nguyen, P. Sinthong, and J. Kalagnanam. A time series is worth 64 words: Long-term forecasting with transformers. In ICLR, 2023.
Y. Liu, T. Hu, H. Zhang, H. Wu, S. Wang, L. Ma, and M. Long. iTransformer: Inverted transformers are effective for time series forecasting. In ICLR, 2024.
A. Zeng, M. Chen, L. Zhang, and Q. Xu. Are transformers effective for time series forecasting? In AAAI, 2023.
H. Wu, T. Hu, Y. Liu, H. Zhou, J. Wang, and M. Long. TimesNet: Temporal 2D-variation modeling for general time series analysis. In ICLR, 2023.
H. Zhou, S. Zhang, J. Peng, S. Zhang, J. Li, H. Xiong, and W. Zhang. Informer: Beyond efficient transformer for long sequence time-series forecasting. In AAAI, 2021.
H. Wu, J. Xu, J. Wang, and M. Long. Autoformer: Decomposition transformers with auto-correlation for long-term series forecasting. In NeurIPS, 2021.
T. Zhou, Z. Ma, Q. Wen, X. Wang, L. Sun, and R. Jin. FEDformer: Frequency enhanced decomposed transformer for long-term series forecasting. In ICML, 2022.
S.-A. Chen, C.-L. Li, N. Yoder, S. O. Arik, and T. Pfister. TSMixer: An all-MLP architecture for time series forecasting. Transactions on Machine Learning Research, 2023.
Y. Zhang and J. Yan. Crossformer: Transformer utilizing cross-dimension dependency for multivariate time series forecasting. In ICLR, 2023.
T. Kim, J. Kim, Y. Tae, C. Park, J.-H. Choi, and J. Choo. Reversible instance normalization for accurate time-series forecasting against distribution shift. In ICLR, 2022.
""",
)

TELEFM = DemoPaper(
    arxiv_id="2512.99004",
    version=2,
    categories=("cs.LG", "cs.AI"),
    title="Forecasting Many Sensors at Once: Probabilistic Foundation Models for Industrial Telemetry",
    short_title="TeleFM",
    authors=("Ines Duarte", "Tomasz Nowak", "Aiko Mori"),
    affiliation="Demo Institute for Industrial AI · Example University of Applied Sciences",
    comment="v2: adds zero-shot results on Solar and Exchange and corrects Table 2; 4 pages, 1 figure, 2 tables",
    submitted="2025-10-14",
    updated="2025-12-08",
    abstract="Industrial plants record hundreds of correlated sensor channels, and operators need forecasts of all of them with calibrated uncertainty to plan maintenance and avoid false alarms. Time series foundation models such as Chronos and TimesFM forecast one series at a time: applied to a plant, they ignore the joint structure of the sensors and produce prediction intervals that are too narrow when sensors move together. We present TeleFM, a probabilistic foundation model for multivariate time series forecasting, pretrained on 40 million multichannel windows of public and synthetic telemetry. Variable-agnostic channel embeddings let it read any number of sensors, and a low-rank Gaussian copula head predicts their joint distribution. In zero-shot use on eight held-out industrial datasets and on the Solar and Exchange benchmarks, TeleFM improves the continuous ranked probability score (CRPS) by 12% over Chronos and reaches 88.7% empirical coverage for nominal 90% prediction intervals, against 81.3% for Chronos. This version adds the Solar and Exchange results.",
    body="""
# 1 Introduction
A modern production line is instrumented with hundreds of sensors: temperatures and vibrations of bearings, pressures and flows in pipes, currents of motors. Forecasting these channels a few hours ahead lets operators schedule maintenance before a fault, adjust setpoints before a quality problem, and suppress alarms that a known transient would otherwise trigger. Each of these decisions depends not only on the most likely future but on its uncertainty, and often on joint events, such as several bearings of one shaft heating up at the same time.
Time series foundation models promise forecasts without per-plant training. Chronos [1] tokenizes scaled values and trains a language model on them; TimesFM [2] is a decoder-only transformer over patches. Both are pretrained on large collections of series and forecast new series zero-shot, which matters in industry, where every plant is different and labelled history is short after each reconfiguration.
However, these models are univariate: each sensor is forecast on its own. Their marginal forecasts can be good, but sampling sensors independently misrepresents every joint event, and when sensors move together the intervals of derived quantities, such as the sum of the loads of several motors, are far too narrow. In our data, 90% intervals of Chronos for such sums contain the true value only 71% of the time.
We build a foundation model that forecasts sensors jointly. Our contributions are: (1) we propose TeleFM, a decoder-only transformer with variable-agnostic channel embeddings, so that one model reads any number of sensors, and a low-rank Gaussian copula head that predicts their joint distribution; (2) we build a pretraining corpus of 40 million multichannel windows from public telemetry and a process simulator with random plant topologies; (3) we evaluate TeleFM zero-shot on eight held-out industrial datasets and two public benchmarks, where it improves CRPS by 12% over Chronos and gives well-calibrated intervals. We release the simulator that generates the synthetic part of the corpus.
# 2 Related Work
Probabilistic forecasting. DeepAR [3] trains an autoregressive recurrent network with a parametric likelihood on many related series. Salinas et al. [4] model high-dimensional forecasts with a low-rank Gaussian copula process, which is the basis of our output head. Classical vector autoregressions [9] capture linear dependence between channels but need to be fitted per plant and scale poorly to hundreds of channels.
Foundation models for time series. Chronos [1], TimesFM [2] and Lag-Llama [6] pretrain on large univariate corpora and forecast new series zero-shot. Moirai [5] handles multivariate inputs by flattening all channels into one sequence with any-variate attention, but it still outputs independent marginals. TeleFM differs in modelling the dependence between channels in its output distribution, which is what calibration of joint events requires.
# 3 Method
TeleFM forecasts the next 64 steps of C channels from a context of 512 steps, for any C between 1 and 2,048. Figure 1 shows its three stages: patch tokens with channel and time embeddings, a decoder-only transformer that alternates attention along time and across channels, and a copula head that outputs a joint distribution.
! Figure 1: TeleFM. Each channel is cut into patches; attention alternates along time and across channels; the copula head couples per-channel marginals with a low-rank covariance. | Multichannel window (any C) > Channel and time embeddings > Decoder-only transformer > Low-rank copula head
## 3.1 Tokens and Channel Embeddings
Every channel is scaled by its mean absolute value over the context and cut into patches of 32 steps, which gives 16 tokens per channel. To let one model read any set of sensors, channels do not have fixed identities: each window draws a random orthogonal embedding for each of its channels, which tells the model which tokens belong to the same sensor without telling it what the sensor is. Layers alternate between causal attention along time within each channel and attention across channels at the same time position, so the cost is linear in the context length and quadratic only in the number of channels.
## 3.2 Copula Head
For every channel and future step, the head predicts the location, scale and degrees of freedom of a Student-t marginal. Dependence between channels is modelled by a Gaussian copula whose correlation matrix is a diagonal plus a rank-16 term, D + VV^T, with the rows of V predicted from each channel's final token. The likelihood of this covariance can be computed in O(Cr^2) with the Woodbury identity, so training stays cheap for thousands of channels. At inference we draw 200 joint samples, from which intervals of single channels and of any derived quantity are read off.
## 3.3 Pretraining Corpus and Training
The corpus has 40 million windows. Twelve million come from public telemetry, including wind turbine SCADA data, building HVAC logs and water network pressures, with all series used in our evaluation removed. The other 28 million are generated by a process simulator that builds random plants from tanks, pumps, valves, heat exchangers and controllers, drives them with random setpoint schedules and disturbances, and records every state variable with sensor noise. Windows have between 2 and 256 channels. The model has 200 million parameters and is trained for 400,000 steps on 32 A100 GPUs for six days with the negative log-likelihood of the copula.
# 4 Experiments
We evaluate TeleFM zero-shot, without any training on the target data, and compare it with zero-shot foundation models and with supervised models fitted to each dataset.
## 4.1 Setup
The eight held-out industrial datasets cover a wind farm (134 channels), a building HVAC system (212), the Tennessee Eastman process simulation [8] (52), a water distribution network (96), a compressor station (44), a semiconductor etch tool (161), a paper machine (77) and a rolling mill (318). We add the Solar (137 plants) and Exchange (8 currencies) benchmarks of Lai et al. [10]. Each dataset is split chronologically and the last 20% are used for testing, with forecasts issued every 64 steps.
We report the continuous ranked probability score (CRPS) [7], normalised by the mean absolute value of the target, the MSE of the median forecast on scaled data, and the empirical coverage of nominal 90% prediction intervals, all averaged over the ten datasets. Baselines are Chronos-Base [1] and TimesFM [2] zero-shot, and DeepAR [3] and a vector autoregression (VAR) [9] trained on each dataset.
## 4.2 Main Results
Table 1 summarises the results. TeleFM reaches a CRPS of 0.412, a 12% improvement over the 0.468 of Chronos and better even than DeepAR trained on each dataset, at 0.447. Its 90% intervals contain the true value 88.7% of the time, close to the nominal level, whereas the intervals of Chronos cover only 81.3% and those of the VAR 76.5%.
| Table 1: Averages over ten datasets: normalised CRPS, MSE of the median, and coverage (%) of nominal 90% intervals.
| Model | Training | CRPS | MSE | Cov. 90
| VAR | per dataset | 0.561 | 0.842 | 76.5
| DeepAR | per dataset | 0.447 | 0.693 | 84.0
| TimesFM | zero-shot | 0.482 | 0.655 | 79.8
| Chronos | zero-shot | 0.468 | 0.671 | 81.3
| *TeleFM (ours) | zero-shot | 0.412 | 0.618 | 88.7
The benefit of joint modelling is clearest for derived quantities. For the total load of the 12 motors of the rolling mill, TeleFM's 90% intervals cover 87.9% of the outcomes, against 71.2% for independent samples from Chronos. For the event that at least three of the ten bearing temperatures of the wind farm exceed their alarm thresholds within the horizon, the Brier score of TeleFM is 0.061, against 0.094 for Chronos.
On the two public benchmarks the picture is mixed. On Solar, where neighbouring plants share the same clouds, TeleFM lowers the CRPS from 0.402 to 0.351. On Exchange, with 8 weakly coupled daily exchange rates, it is slightly worse than Chronos, with a CRPS of 0.011 against 0.010.
## 4.3 Ablation Study
Table 2 removes one design choice at a time; all variants are pretrained with the same budget. Replacing the copula head by independent Gaussian marginals costs little in CRPS but lowers the coverage to 79.0%, which shows that the dependence model is what calibrates the intervals. Pretraining without the synthetic windows raises the CRPS by 6%, to 0.437. A rank of 4 is too small for plants with many subsystems, while a rank of 64 brings no further gain. A smaller model with 50 million parameters is 4% worse in CRPS.
| Table 2: Ablations (averages over the ten datasets). This table was corrected in v2.
| Variant | CRPS | Cov. 90
| *TeleFM (rank 16, 200M) | 0.412 | 88.7
| independent Gaussian head | 0.431 | 79.0
| w/o synthetic windows | 0.437 | 86.9
| copula rank 4 | 0.419 | 86.2
| copula rank 64 | 0.411 | 88.9
| 50M parameters | 0.428 | 87.5
## 4.4 Fine-Tuning and Calibration over the Horizon
When some history of a plant is available, TeleFM can be fine-tuned. With two weeks of data from the rolling mill, 4,032 five-minute steps, fine-tuning the head and the last four transformer layers for 2,000 steps lowers the CRPS on that dataset from 0.398 to 0.351. DeepAR trained on the same two weeks reaches only 0.472, and it needs about six months of history to match the fine-tuned TeleFM.
Calibration degrades slowly with the horizon. The coverage of TeleFM's 90% intervals is 90.2% for the first forecast step and 87.1% for the 64th, a mild under-coverage that we attribute to distribution shift within the test period. The coverage of Chronos falls from 86.0% to 76.4% over the same range.
The copula also changes which alarms fire. On the compressor station, using the upper 99% quantile of the forecast as an early-warning threshold, TeleFM raises 31% fewer false warnings than Chronos while still warning before 15 of the 17 compressor trips recorded in the test period, as Chronos does, because it no longer treats the simultaneous rise of correlated temperatures as independent surprises.
Joint sampling is also fast. Drawing 200 joint samples of the next 64 steps for the 318 channels of the rolling mill takes 0.8 seconds on one A100 GPU, while Chronos-Base needs 2.9 seconds because it samples every channel autoregressively, token by token.
# 5 Limitations
Our approach has limitations. Attention across channels grows quadratically with the number of channels, so inference memory grows with the square of the number of sensors: beyond about 2,000 channels we must split a plant into subsystems and lose the dependence between them. The Gaussian copula also cannot represent tail dependence, so the probability that many sensors reach extreme values together is still underestimated, although less so than with independent forecasts.
The synthetic part of the corpus reflects the components our simulator knows; plants with batch processes or discrete events, such as packaging lines, are poorly represented. Finally, TeleFM is used zero-shot from the sensor history alone and ignores known future inputs such as setpoint schedules and production plans, which operators often have.
# 6 Conclusion and Future Work
We presented TeleFM, a probabilistic foundation model that forecasts many sensors jointly. Variable-agnostic channel embeddings and a low-rank copula head let it read any plant zero-shot and produce well-calibrated intervals, improving CRPS by 12% over Chronos and raising the coverage of 90% intervals from 81.3% to 88.7%.
In future work we will study sparse dependency structures to scale to thousands of sensors, add known future covariates such as setpoints, and use the joint forecasts for anomaly detection, where an observation that is unlikely under the joint distribution can reveal a fault that no single sensor shows.
# References
A. F. Ansari, L. Stella, C. Turkmen, X. Zhang, et al. Chronos: Learning the language of time series. Transactions on Machine Learning Research, 2024.
A. Das, W. Kong, R. Sen, and Y. Zhou. A decoder-only foundation model for time-series forecasting. In ICML, 2024.
D. Salinas, V. Flunkert, J. Gasthaus, and T. Januschowski. DeepAR: Probabilistic forecasting with autoregressive recurrent networks. International Journal of Forecasting, 2020.
D. Salinas, M. Bohlke-Schneider, L. Callot, R. Medico, and J. Gasthaus. High-dimensional multivariate forecasting with low-rank Gaussian copula processes. In NeurIPS, 2019.
G. Woo, C. Liu, A. Kumar, C. Xiong, S. Savarese, and D. Sahoo. Unified training of universal time series forecasting transformers. In ICML, 2024.
K. Rasul, A. Ashok, A. R. Williams, H. Ghonia, et al. Lag-Llama: Towards foundation models for probabilistic time series forecasting. arXiv preprint, 2023.
T. Gneiting and A. E. Raftery. Strictly proper scoring rules, prediction, and estimation. Journal of the American Statistical Association, 2007.
J. J. Downs and E. F. Vogel. A plant-wide industrial process control problem. Computers and Chemical Engineering, 1993.
H. Lütkepohl. New Introduction to Multiple Time Series Analysis. Springer, 2005.
G. Lai, W.-C. Chang, Y. Yang, and H. Liu. Modeling long- and short-term temporal patterns with deep neural networks. In SIGIR, 2018.
""",
)

TRAFFICMAMBA = DemoPaper(
    arxiv_id="2512.99005",
    version=1,
    categories=("cs.LG", "cs.AI"),
    title="TrafficMamba: Selective State Spaces for Spatio-Temporal Traffic Prediction",
    short_title="TrafficMamba",
    authors=("Jia Liu", "Samuel Adeyemi", "Clara Weiss", "Tomás Herrera"),
    affiliation="Example Institute of Transportation Science · Demo University of Technology",
    comment="4 pages, 1 figure, 2 tables. Code: https://github.com/arxiv-kb-demo/TrafficMamba",
    abstract="Traffic prediction on road sensor networks needs models that capture both the road graph and long stretches of recent history, yet the strongest spatio-temporal transformers scale quadratically with the number of sensors and with the length of the input window. We present TrafficMamba, a spatio-temporal prediction model that couples graph diffusion over an adaptive adjacency with bidirectional selective state-space blocks that scan along time at linear cost. A single multi-horizon head forecasts speed or flow 15, 30 and 60 minutes ahead. On METR-LA, PEMS-BAY, PEMS04 and PEMS08, TrafficMamba matches or improves on the best published baselines: it reaches a 15-minute MAE of 2.61 on METR-LA, against 2.65 for STAEformer and 2.69 for Graph WaveNet, while using 41% less GPU memory than STAEformer and training 1.9 times faster per epoch. Ablations show that the adaptive adjacency and the bidirectional scan both contribute, most clearly at the 60-minute horizon. Code: https://github.com/arxiv-kb-demo/TrafficMamba.",
    body="""
# 1 Introduction
This paper studies traffic prediction on road sensor networks: given the speeds or flows recorded by a few hundred loop detectors over the last hour, forecast the values at every detector for the next hour. Accurate forecasts feed route guidance, ramp metering and incident response. They are also a standard test bed for spatio-temporal learning, because the signal at a sensor depends both on where it sits in the road graph and on what happened upstream a few minutes earlier.
Two families of models dominate the current benchmarks. Graph neural networks with temporal convolutions or recurrent units, such as DCRNN [1] and Graph WaveNet [2], propagate information along the road graph and are cheap to run, but their receptive field in time is fixed by the depth of the temporal stack. Spatio-temporal transformers such as GMAN [3] and STAEformer [4] attend over all sensors and all time steps and currently hold the best accuracy, but the cost of attention grows quadratically with the number of sensors and with the length of the input window. On PEMS04, with 307 sensors, STAEformer already needs close to 16 GB of GPU memory at a batch size of 16, and input windows longer than one hour are out of reach on a single GPU.
However, the case for longer windows is strong. Recurring congestion builds up over tens of minutes, and its onset at one detector often precedes congestion downstream by a quarter of an hour. A model that could read several hours of history at linear cost, while still exchanging information along the road graph, would remove the main obstacle to using that history.
Selective state-space models [5, 6] offer exactly this trade-off for sequences: they scan the input once, keep a compressed hidden state and decide at every step what to keep, at a cost linear in the sequence length. We bring them to spatio-temporal data. Our contributions are: (1) we propose TrafficMamba, which interleaves graph diffusion over a learned adjacency with bidirectional selective state-space blocks along the time axis; (2) we design a multi-horizon head that predicts the 15, 30 and 60 minute horizons jointly from one shared representation; (3) we evaluate on four public benchmarks, where TrafficMamba reaches the best MAE on METR-LA and PEMS08 and stays within one standard deviation of the best method on the other two, with 41% less GPU memory than STAEformer. We release our code and trained checkpoints.
# 2 Related Work
The closest prior work includes graph-based recurrent and convolutional models. DCRNN [1] models the road network as a directed graph and replaces the matrix products of a GRU with bidirectional diffusion convolutions. Graph WaveNet [2] combines dilated causal convolutions with graph convolutions on an adaptive adjacency learned from node embeddings, an idea we reuse. STGCN [7] uses purely convolutional blocks and is among the fastest models, but it lags in accuracy at long horizons. STSGCN [9] and STGODE [8] capture local spatio-temporal correlations with synchronous graph convolutions and continuous-depth ODE layers respectively.
Attention-based models came next. GMAN [3] applies spatial and temporal attention with a transform attention layer between encoder and decoder. STAEformer [4] shows that a vanilla transformer becomes state of the art once it receives a spatio-temporal adaptive embedding, and it is the strongest baseline we compare with. Both scale quadratically in the number of sensors or time steps, which is why large benchmarks such as LargeST [10] report that many of them cannot be trained on city-scale networks.
State-space models entered sequence modelling through S4 [5] and Mamba [6], and several recent works apply them to multivariate forecasting without a graph. Unlike these works, TrafficMamba keeps an explicit graph operator between the temporal scans. We find this necessary on road networks, where neighbouring sensors share most of their signal and a purely per-sensor model cannot see a jam approaching from upstream.
# 3 Method
TrafficMamba maps an input tensor of shape T x N x C, with T past steps at 5-minute resolution, N sensors and C input channels (the measured value and time encodings), to a forecast of shape 12 x N. It stacks L = 4 identical blocks, each made of one graph diffusion layer and one bidirectional selective scan, followed by the multi-horizon head. Unless stated otherwise, T = 12, which matches the protocol of the published baselines.
! Figure 1: Overview of TrafficMamba. Each of the four blocks applies graph diffusion across sensors and then forward and backward selective scans along time; one linear head predicts all 12 horizons. | Input and time embeddings > Graph diffusion (adaptive adjacency) > Bidirectional selective scan > Multi-horizon head
## 3.1 Problem Setup and Embeddings
Let G = (V, E) be the road graph with N = |V| sensors, and let X_t be the N x C matrix of readings at time step t. Given the last T steps, the task is to predict the next H = 12 steps of the target channel. As in STAEformer [4], every input is projected to a hidden size of d = 64 and augmented with learned embeddings of the time of day (288 slots), the day of the week and the sensor identity. The sensor embeddings also parameterise the adaptive adjacency described next.
## 3.2 Graph Diffusion with an Adaptive Adjacency
Road distances give a useful but incomplete picture of which sensors influence each other. Two detectors on opposite carriageways are close in space and almost unrelated, while an on-ramp can affect a sensor several kilometres downstream. Following Graph WaveNet [2], we learn an adaptive adjacency A = softmax(ReLU(E1 E2^T)) from two sensor embedding matrices E1 and E2 of size N x 10, and combine it with the forward and backward transition matrices of the distance graph.
Each block applies K = 2 steps of diffusion with these three supports to the hidden states of every time step independently. The diffusion layer is the only place where sensors exchange information. Its cost is linear in the number of edges of the distance graph plus N times the embedding size for the adaptive part, which we compute in factorised form so that the N x N matrix is never stored for large graphs.
## 3.3 Bidirectional Selective Scans over Time
After diffusion, the sequence of hidden states of each sensor is processed by a selective state-space block [6]. The block expands the input to a size of 2d, applies a short causal convolution, and runs a scan whose step size and input and output matrices depend on the current input. The model can therefore decide at every step whether a sudden drop in speed should overwrite its state or be ignored as sensor noise.
Both scans run over the observed window only, so a backward scan does not leak future information. We run one forward and one backward scan with separate parameters and sum their outputs, which lets early steps of the window see how congestion developed later in the window. The scans are shared across sensors, which keeps the model at 1.2 million parameters for d = 64 and four blocks.
The multi-horizon head reads the final hidden state of every sensor and predicts all 12 future steps with one linear layer, trained with the mean absolute error averaged over horizons. We found no benefit from an autoregressive decoder, and the direct head avoids the accumulation of errors over the horizon.
# 4 Experiments
We answer three questions: how accurate TrafficMamba is compared with graph-based and attention-based baselines, how much memory and time it needs, and which of its components matter. Section 4.1 describes the setup, Section 4.2 the main results and Section 4.3 the ablations.
## 4.1 Datasets, Metrics and Baselines
We use four public benchmarks. METR-LA contains speeds from 207 loop detectors on Los Angeles highways over four months, and PEMS-BAY contains speeds from 325 sensors in the Bay Area over six months. PEMS04 and PEMS08 contain flows from 307 and 170 sensors over two months each. All datasets are sampled every 5 minutes. We follow the standard chronological splits: 70/10/20 for METR-LA and PEMS-BAY and 60/20/20 for PEMS04 and PEMS08.
We report the mean absolute error (MAE), the root mean squared error (RMSE) and the mean absolute percentage error (MAPE), ignoring missing values. For the speed datasets we report the 15, 30 and 60 minute horizons; for the flow datasets we average over all 12 horizons, following common practice.
We compare with DCRNN [1], Graph WaveNet [2], GMAN [3], STGCN [7] and STAEformer [4]. Baseline results are taken from the STAEformer paper where available and reproduced with the official code otherwise. TrafficMamba is trained with Adam, a learning rate of 0.001 halved every 20 epochs, a batch size of 16 and early stopping on the validation MAE with a patience of 15 epochs. All runs use one NVIDIA A100 GPU with 40 GB of memory, and we report the mean of five seeds.
## 4.2 Main Results
Table 1 lists the MAE on METR-LA at the three horizons and the average MAE on PEMS08. TrafficMamba achieves an MAE of 2.61 on METR-LA at the 15-minute horizon, the best among the compared methods, and 3.29 at 60 minutes, against 3.34 for STAEformer. On PEMS08 its average MAE of 13.21 improves on the 13.46 of STAEformer. On PEMS-BAY and PEMS04 the differences to STAEformer are within one standard deviation over seeds, with a 60-minute MAE of 1.87 against 1.88 on PEMS-BAY and an average MAE of 18.31 against 18.22 on PEMS04.
| Table 1: MAE on METR-LA at 15, 30 and 60 minutes, and average MAE over the 12 horizons on PEMS08 (lower is better, mean of five seeds).
| Model | 15 min | 30 min | 60 min | PEMS08
| DCRNN | 2.77 | 3.15 | 3.60 | 16.22
| STGCN | 2.88 | 3.47 | 4.59 | 17.50
| GMAN | 2.80 | 3.12 | 3.44 | 14.87
| Graph WaveNet | 2.69 | 3.07 | 3.53 | 15.07
| STAEformer | 2.65 | 2.97 | 3.34 | 13.46
| *TrafficMamba (ours) | 2.61 | 2.95 | 3.29 | 13.21
Efficiency is where the linear scans pay off. On PEMS04 with a batch size of 16, TrafficMamba needs 9.4 GB of GPU memory and 38 seconds per training epoch, against 15.9 GB and 71 seconds for STAEformer: 41% less memory and 1.9 times faster training. Graph WaveNet is lighter still, at 6.1 GB, but less accurate at every horizon.
## 4.3 Ablation Study
We remove one component at a time and retrain with the same budget (Table 2). Without the adaptive adjacency, using only the distance graph, the 60-minute MAE on PEMS08 rises by 0.9, from 14.32 to 15.22: road distance alone misses the long-range links between ramps and downstream sensors. Replacing the bidirectional scan by a forward scan costs 0.11 at 60 minutes on METR-LA. Removing the graph diffusion entirely, so that every sensor is forecast from its own history, is the most harmful change and raises the 60-minute MAE on METR-LA to 3.71.
| Table 2: Ablations: MAE at the 60-minute horizon on METR-LA and PEMS08.
| Variant | METR-LA | PEMS08
| *TrafficMamba (full) | 3.29 | 14.32
| w/o adaptive adjacency | 3.38 | 15.22
| forward scan only | 3.40 | 14.51
| w/o graph diffusion | 3.71 | 16.95
| w/o time embeddings | 3.47 | 14.88
We also vary the input length. With 288 input steps, a full day, TrafficMamba lowers its 60-minute MAE on METR-LA from 3.29 to 3.21, while its memory grows from 4.1 GB to 11.7 GB. STAEformer runs out of memory at this length on a 40 GB GPU even with a batch size of 4. The longer history helps mostly on weekday mornings, when congestion repeats the pattern of previous days.
Errors concentrate in a few situations. At the 60-minute horizon on METR-LA, the 5% of test windows with the largest errors account for 23% of the total absolute error, and most of them overlap with incidents or with sensor outages that appear as zeros in the raw data.
# 5 Limitations
Our study has limitations. First, accuracy drops during rare events such as accidents, road works and severe weather, which are absent or very rare in the training data. The model has no input that could announce them, so it can only react once the speeds at nearby sensors fall. Second, all four benchmarks are highway networks with at most 325 sensors. We have not yet shown that the memory advantage holds on city-scale networks with tens of thousands of road segments, such as those in LargeST [10], where the graph diffusion itself becomes the bottleneck.
Third, the sensor set is fixed: adding a new detector requires retraining the sensor embeddings and the adaptive adjacency. Finally, like all the baselines, we evaluate on the standard chronological splits, which cover only a few months and do not test robustness to seasonal change or to long-term shifts in demand.
# 6 Conclusion and Future Work
We presented TrafficMamba, a spatio-temporal model that alternates graph diffusion over an adaptive adjacency with bidirectional selective state-space scans along time. It matches or improves on the accuracy of the strongest transformer baseline on four traffic prediction benchmarks while using 41% less GPU memory, and its linear cost in the input length makes a full day of history affordable.
In future work, we plan to add incident reports and weather as exogenous inputs, so that the model can anticipate disruptions rather than react to them, and to test city-scale networks with sparse diffusion operators. We also want to study transfer to cities with few sensors, where the sensor embeddings would have to be predicted from road attributes instead of learned.
# References
Y. Li, R. Yu, C. Shahabi, and Y. Liu. Diffusion convolutional recurrent neural network: Data-driven traffic forecasting. In ICLR, 2018.
Z. Wu, S. Pan, G. Long, J. Jiang, and C. Zhang. Graph WaveNet for deep spatial-temporal graph modeling. In IJCAI, 2019.
C. Zheng, X. Fan, C. Wang, and J. Qi. GMAN: A graph multi-attention network for traffic prediction. In AAAI, 2020.
H. Liu, Z. Dong, R. Jiang, J. Deng, J. Deng, Q. Chen, and X. Song. Spatio-temporal adaptive embedding makes vanilla transformer SOTA for traffic forecasting. In CIKM, 2023.
A. Gu, K. Goel, and C. Ré. Efficiently modeling long sequences with structured state spaces. In ICLR, 2022.
A. Gu and T. Dao. Mamba: Linear-time sequence modeling with selective state spaces. In COLM, 2024.
B. Yu, H. Yin, and Z. Zhu. Spatio-temporal graph convolutional networks: A deep learning framework for traffic forecasting. In IJCAI, 2018.
Z. Fang, Q. Long, G. Song, and K. Xie. Spatial-temporal graph ODE networks for traffic flow forecasting. In KDD, 2021.
C. Song, Y. Lin, S. Guo, and H. Wan. Spatial-temporal synchronous graph convolutional networks: A new framework for spatial-temporal network data forecasting. In AAAI, 2020.
X. Liu, Y. Xia, Y. Liang, J. Hu, Y. Wang, L. Bai, C. Huang, Z. Liu, B. Hooi, and R. Zimmermann. LargeST: A benchmark dataset for large-scale traffic forecasting. In NeurIPS Datasets and Benchmarks, 2023.
""",
)

HIPOOL = DemoPaper(
    arxiv_id="2512.99006",
    version=1,
    categories=("cs.AI", "cs.LG"),
    title="Road Network Speed Forecasting with Hierarchical Graph Pooling",
    short_title="HiPool",
    authors=("Noura Saleh", "Mateo Rossi", "Anneke de Vries"),
    affiliation="Example Urban Mobility Lab · Demo University of Technology",
    comment="4 pages, 1 figure, 2 tables",
    abstract="Forecasting vehicle speeds on every segment of a city's road network for the next hour supports navigation, signal timing and fleet dispatch. Graph neural networks that pass messages between neighbouring segments capture how slowdowns propagate locally, but they need many layers to see district-wide congestion patterns, and deep message passing blurs segment-level detail. We present HiPool, which pools road segments into corridors and districts with a differentiable assignment, forecasts speeds at every level of this hierarchy with temporal convolutions, and reconciles the levels with a learned top-down correction so that segment forecasts stay consistent with district trends. On two years of probe-vehicle speeds from a city with 9,114 road segments, HiPool reduces the 60-minute mean absolute error by 9.5% relative to Graph WaveNet, and by 14.2% during morning peaks. It also improves on Graph WaveNet on the PEMS-BAY highway sensors (code: https://github.com/arxiv-kb-demo/HiPool).",
    body="""
# 1 Introduction
Navigation apps, adaptive signal control and delivery fleets all need to know how fast vehicles will be moving on each street during the next hour. In cities, these speeds are increasingly measured by probe vehicles, such as taxis and delivery vans that report their position every few seconds, rather than by fixed detectors, which gives coverage of every street but noisy and sometimes missing measurements.
The standard models for this task are graph neural networks over the road graph, with temporal convolutions or recurrent units for the time dimension [1, 2, 3]. Each layer exchanges information between neighbouring segments, which matches how a slowdown spreads backwards from a bottleneck. However, congestion in a city also has a larger structure. A football match or a closed bridge slows down a whole district, and commuters load the same radial corridors every morning. To see these patterns, a flat model needs as many layers as there are segments across a district, and with many layers the representations of neighbouring segments become indistinguishable, so segment-level detail is lost.
Road networks have a natural hierarchy that planners use all the time: segments form corridors, and corridors form districts. Forecasting at the corridor and district level is easier, because aggregation averages out the noise of individual probe measurements, and forecasts at the coarse levels can guide the fine ones.
We turn this hierarchy into a model. Our contributions are: (1) we propose HiPool, which pools road segments into corridors and districts with a differentiable assignment that is initialised from the road classification and refined during training; (2) we forecast speeds at every level and design a top-down reconciliation step that keeps segment forecasts consistent with corridor and district forecasts; (3) we evaluate on two years of probe-vehicle data from a city with 9,114 segments and on the PEMS-BAY benchmark, where HiPool reduces the 60-minute error by 9.5% relative to Graph WaveNet on the city data. We release our code and the learned hierarchy.
# 2 Related Work
Graph neural networks for road speeds. DCRNN [1] models the propagation of speed changes as a diffusion process on a directed road graph inside a recurrent network. STGCN [3] combines graph convolutions [9] with gated temporal convolutions, and Graph WaveNet [2] adds an adaptive adjacency and dilated convolutions inspired by WaveNet [8]. All of them operate on a flat graph; HGCN [7] was the first to add a region-level graph built by clustering, which it keeps fixed during training.
Graph pooling. DiffPool [4] learns soft assignments of nodes to clusters end to end, and MinCutPool [10] regularises the assignments with a relaxed normalised-cut objective. We use a DiffPool-style assignment with two levels, but initialise it from road attributes so that the learned corridors and districts remain interpretable.
Forecast reconciliation. In hierarchical forecasting, forecasts at different levels of aggregation are made consistent after the fact, for example by optimal combination [5] or by minimising the trace of the forecast error covariance [6]. Our reconciliation step follows the same idea, but it is learned jointly with the forecasters and may correct the fine level using the coarse one.
# 3 Method
HiPool receives the speeds of all N segments over the last 12 five-minute intervals and forecasts the next 12 intervals. Figure 1 shows its three stages: pooling segments into a hierarchy, forecasting at each level, and reconciling the levels. On our city data the hierarchy has 9,114 segments, 412 corridors and 38 districts.
! Figure 1: HiPool. Segments are pooled into corridors and districts, each level is forecast with temporal convolutions on its own graph, and coarse forecasts correct fine ones. | Segment speeds (9,114 segments) > Pooling to corridors and districts > Forecasts at each level > Top-down reconciliation
## 3.1 A Differentiable Road Hierarchy
Two soft assignment matrices map segments to corridors and corridors to districts. They are computed by a graph convolution over segment features (road class, speed limit, number of lanes and the mean speed profile) followed by a softmax over clusters. We initialise the first assignment from the named roads of the map, so that a corridor starts as a stretch of one arterial road, and the second from administrative districts. During training, a link prediction loss keeps connected segments in the same cluster and an entropy loss keeps assignments decisive. After training, the hierarchy is frozen and reused at inference.
## 3.2 Forecasting at Each Level
The speeds of a corridor or district are the assignment-weighted averages of its segments, and its graph is the coarsened adjacency obtained by multiplying the segment adjacency with the assignment matrices. At each level, a forecaster with four blocks of gated temporal convolutions and graph convolutions, in the style of Graph WaveNet [2], predicts the next 12 intervals. The three forecasters share their architecture but not their weights. Aggregation makes the coarse levels much less noisy: the coefficient of variation of five-minute speeds is 0.31 for segments but 0.09 for districts.
## 3.3 Top-Down Reconciliation
Forecasts at different levels need not agree: the average of the segment forecasts of a district can differ from the district forecast. Reconciliation corrects each segment forecast by a learned function of this disagreement, first between districts and corridors and then between corridors and segments. The correction is a small MLP that receives the segment's own forecast, the disagreement at the level above and the segment's assignment weights, so that a segment that belongs clearly to a corridor follows it more closely than a segment at a boundary. All parts are trained jointly with the masked mean absolute error at all three levels, ignoring intervals without probe measurements.
# 4 Experiments
We ask whether the hierarchy improves forecasts on a dense urban network, whether it also helps on a highway benchmark, and which of its parts matter.
## 4.1 Data, Metrics and Baselines
The city dataset contains probe-vehicle speeds from a mid-sized European city for 2022 and 2023, aggregated to five-minute intervals on 9,114 road segments. Coverage is uneven: 78% of segment-intervals have at least one probe measurement during the day but only 41% at night. We train on 2022 and the first half of 2023, validate on July and August 2023, and test on September to December 2023. PEMS-BAY contains speeds from 325 highway sensors in the Bay Area over six months, with the standard 70/10/20 split.
We report the mean absolute error (MAE) and the root mean squared error at horizons of 15, 30 and 60 minutes, in km/h for the city and in mph for PEMS-BAY, computed only where a measurement exists. Baselines are the historical average of the same weekday and time, DCRNN [1], STGCN [3], Graph WaveNet [2] and HGCN [7], all trained with the code of their authors and tuned on our validation set.
## 4.2 Main Results
Table 1 shows that HiPool is the most accurate model at every horizon, and that its advantage grows with the horizon. At 15 minutes it improves on Graph WaveNet by 1.7%, but at 60 minutes its MAE of 3.81 km/h is 9.5% below the 4.21 km/h of Graph WaveNet and 5.9% below the 4.05 km/h of the hierarchical HGCN. Long horizons are where district-wide patterns matter most: at 15 minutes, the near future of a segment is mostly determined by its own recent past.
| Table 1: MAE on the city dataset (km/h) at three horizons, and 60-minute MAE on PEMS-BAY (mph).
| Model | 15 min | 30 min | 60 min | PEMS-BAY
| Historical average | 6.02 | 6.02 | 6.02 | 2.88
| DCRNN | 2.98 | 3.61 | 4.35 | 2.07
| STGCN | 3.05 | 3.74 | 4.48 | 2.49
| Graph WaveNet | 2.91 | 3.52 | 4.21 | 1.95
| HGCN | 2.93 | 3.49 | 4.05 | 1.94
| *HiPool (ours) | 2.86 | 3.34 | 3.81 | 1.89
The gains concentrate when congestion forms. During the morning peak, from 7 to 9 am on weekdays, the 60-minute MAE of HiPool is 5.01 km/h against 5.84 km/h for Graph WaveNet, a reduction of 14.2%. On PEMS-BAY, whose 325 sensors lie on a few highways with little hierarchical structure, the gain is smaller: 1.89 mph against 1.95 mph at 60 minutes.
## 4.3 Ablation Study
Table 2 removes the parts of HiPool one at a time. Without reconciliation, when the segment forecaster simply receives the coarse forecasts as extra inputs, the 60-minute MAE rises to 3.94 km/h: the reconciliation step alone accounts for 3.1 points of the 9.5% improvement over Graph WaveNet. Keeping only corridors, without districts, gives 3.97 km/h, and a flat model with the same number of parameters is no better than Graph WaveNet. Using the administrative districts as they are, without learning the assignment, gives 3.90 km/h.
| Table 2: Ablations: 60-minute MAE on the city dataset (km/h).
| Variant | MAE
| *HiPool (full) | 3.81
| w/o reconciliation | 3.94
| corridors only | 3.97
| fixed administrative districts | 3.90
| flat, no pooling | 4.19
The learned districts differ from the administrative ones in telling ways. Segments near the two river bridges move into one district regardless of the bank they are on, because they congest together, and the ring road becomes a district of its own instead of being split among the districts it crosses.
## 4.4 Robustness to Missing Probe Data
Probe coverage varies from day to day, so we test how forecasts degrade when measurements are missing. We remove a random fraction of the probe measurements from the test inputs and keep the targets unchanged. With 50% of the input measurements removed, the 60-minute MAE of HiPool rises from 3.81 to 4.02 km/h, while that of Graph WaveNet rises from 4.21 to 4.66 km/h. The coarse levels average over many segments and are barely affected, and the reconciliation step passes their information down to segments whose own inputs are missing.
The hierarchy also helps on segments that lack history altogether. For 312 segments that were opened or re-routed during 2023 and therefore have few training measurements, HiPool's 60-minute MAE is 4.37 km/h against 5.26 km/h for Graph WaveNet, because their corridor and district forecasts are learned from many other segments.
## 4.5 Runtime
Training HiPool on the city dataset takes 9 hours on one A100 GPU, against 7 hours for Graph WaveNet, and the pooling adds 21% to the number of parameters, for 1.9 million in total. A forecast for all 9,114 segments takes 85 milliseconds, well within the five-minute update cycle of the probe data.
# 5 Limitations
Our study has limitations. The hierarchy is learned once and does not adapt when the road network changes: a new bridge or a long road closure alters which segments congest together, and the model must be retrained to reflect it. The model also uses speeds only; without vehicle counts it cannot distinguish a slow street with little demand from a congested one.
Probe coverage is sparse at night, where the MAE of all models is higher and the hierarchy helps least, because coarse levels are then averaged from very few measurements. Finally, we evaluated a single city with a particular network shape, and the benefit of districts may differ in grid-like networks.
# 6 Conclusion and Future Work
We presented HiPool, which forecasts road speeds at the levels of segments, corridors and districts and reconciles the levels with a learned top-down correction. On a city network with 9,114 segments it reduces the 60-minute error by 9.5% relative to Graph WaveNet, and by 14.2% during morning peaks.
Future work will update the pooling online as roads open and close, transfer a learned hierarchy to new cities from map attributes alone, and combine probe speeds with vehicle counts from fixed detectors where they exist.
# References
Y. Li, R. Yu, C. Shahabi, and Y. Liu. Diffusion convolutional recurrent neural network: Data-driven traffic forecasting. In ICLR, 2018.
Z. Wu, S. Pan, G. Long, J. Jiang, and C. Zhang. Graph WaveNet for deep spatial-temporal graph modeling. In IJCAI, 2019.
B. Yu, H. Yin, and Z. Zhu. Spatio-temporal graph convolutional networks: A deep learning framework for traffic forecasting. In IJCAI, 2018.
R. Ying, J. You, C. Morris, X. Ren, W. L. Hamilton, and J. Leskovec. Hierarchical graph representation learning with differentiable pooling. In NeurIPS, 2018.
R. J. Hyndman, R. A. Ahmed, G. Athanasopoulos, and H. L. Shang. Optimal combination forecasts for hierarchical time series. Computational Statistics and Data Analysis, 2011.
S. L. Wickramasuriya, G. Athanasopoulos, and R. J. Hyndman. Optimal forecast reconciliation for hierarchical and grouped time series through trace minimization. Journal of the American Statistical Association, 2019.
K. Guo, Y. Hu, Y. Sun, S. Qian, J. Gao, and B. Yin. Hierarchical graph convolution networks for traffic forecasting. In AAAI, 2021.
A. van den Oord, S. Dieleman, H. Zen, K. Simonyan, et al. WaveNet: A generative model for raw audio. arXiv preprint, 2016.
T. N. Kipf and M. Welling. Semi-supervised classification with graph convolutional networks. In ICLR, 2017.
F. M. Bianchi, D. Grattarola, and C. Alippi. Spectral clustering with graph neural networks for graph pooling. In ICML, 2020.
""",
)

VLASEG = DemoPaper(
    arxiv_id="2512.99007",
    version=1,
    categories=("cs.CV", "eess.IV"),
    title="VLA-Seg: Shape-Prior Segmentation of the Vertebral Lamina in Spine CT",
    short_title="VLA-Seg",
    authors=("Elif Demir", "George Brown", "Kenji Watanabe"),
    affiliation="Demo Medical Imaging Group · Example University Hospital",
    comment="4 pages, 1 figure, 2 tables",
    paper_size="a4",
    abstract="Planning pedicle screw trajectories and decompression surgery requires an accurate outline of the vertebral lamina in computed tomography (CT). General-purpose segmentation networks confuse the thin lamina with the adjacent spinous process and articular facets, especially in degenerated spines. We present VLA-Seg, a segmentation network for the vertebral lamina (abbreviated VLA in our annotation protocol) that injects a statistical shape prior of lumbar vertebrae into a 3D U-Net through template-guided attention. A deformable template is registered to each vertebra, its lamina region guides the attention of the decoder, and a boundary loss sharpens the thin cortical edges. On lamina annotations of the VerSe challenge data and 140 in-house scans, VLA-Seg reaches a Dice score of 0.912 against 0.887 for nnU-Net and reduces the 95th-percentile Hausdorff distance from 3.1 mm to 2.3 mm. On laminae thinner than 3 mm, the gain in Dice grows to 6.3 points.",
    body="""
# 1 Introduction
The lamina is the thin plate of bone that forms the back of the vertebral canal. It is removed in a laminectomy to relieve pressure on the spinal cord, and its position constrains the trajectory of pedicle screws in spinal fusion. Surgical navigation systems therefore need an accurate three-dimensional outline of each lamina from the preoperative CT scan, and today this outline is often drawn or corrected by hand, which takes a trained person about 20 minutes per lumbar spine.
Automatic segmentation of whole vertebrae is mature: the VerSe challenge [1] reported Dice scores above 0.9 for labelling and segmenting vertebrae. Segmenting the parts of a vertebra is harder. The lamina is only 2 to 6 mm thick, it merges without a visible boundary into the spinous process and the articular facets, and in degenerated spines osteophytes and facet hypertrophy distort its shape. Generic networks such as nnU-Net [4] learn these boundaries only from local intensities, and their errors concentrate exactly where surgeons need precision: at the junctions of the lamina with its neighbours.
However, the anatomy of the lumbar vertebrae is highly regular. Even in degenerated spines, the lamina keeps its position relative to the vertebral body and the pedicles, which a shape model can capture from a modest number of examples [6]. Anatomical priors have improved cardiac segmentation [7], but they have not been combined with modern 3D networks for the sub-structures of vertebrae.
We combine them. Our contributions are: (1) we propose VLA-Seg, which registers a deformable statistical template to every lumbar vertebra and uses the template's lamina region to guide the attention of a 3D U-Net decoder; (2) we add a boundary loss that sharpens the thin cortical edges of the lamina; (3) we annotate the laminae of 214 VerSe scans and evaluate on them and on 140 in-house scans, where VLA-Seg improves the Dice score from 0.887 to 0.912 over nnU-Net. We release our lamina annotations of the public scans.
# 2 Related Work
Vertebra segmentation. Iterative fully convolutional networks [2] segment and identify vertebrae one at a time along the spine, and the VerSe benchmark [1] compared many such methods on multi-detector CT. These works segment whole vertebrae; they do not distinguish the lamina from other posterior elements.
Generic medical segmentation. The 3D U-Net [3] remains the backbone of most volumetric segmentation methods, and nnU-Net [4] configures it automatically for a new dataset and is the strongest general baseline. TransUNet [5] adds a transformer encoder for global context, and Attention U-Net [9] gates skip connections with attention maps learned from the data. Our template-guided attention replaces these learned gates with gates derived from anatomy.
Shape priors and boundary losses. Active shape models [6] fit a statistical model of landmark positions to an image, and anatomically constrained networks [7] regularise segmentations towards a learned shape space. Boundary losses [8] penalise the distance between predicted and true contours and help with thin structures, where region-based losses such as Dice barely register errors.
Surgical planning. Navigation systems segment the vertebrae to register the preoperative CT to the patient during surgery, and automatic screw planners compute trajectories from vertebral segmentations. Both benefit from a separate lamina label, which marks the bone that a laminectomy removes and that a misplaced screw may breach.
# 3 Method
VLA-Seg works on one vertebra at a time. A first-stage nnU-Net locates and segments each lumbar vertebra as a whole; a 96 x 96 x 96 voxel crop at 0.5 mm resolution around it is then segmented into the lamina and the rest of the vertebra. Figure 1 shows the second stage.
! Figure 1: The second stage of VLA-Seg. A statistical template is registered to the vertebra, and its lamina region gates the decoder of a 3D U-Net. | CT crop of one vertebra > Template registration (shape model) > U-Net with template attention gates > Lamina mask
## 3.1 Statistical Shape Model
We built a shape model from 120 manually segmented lumbar vertebrae, L1 to L5, of the training scans. Each vertebra is represented by 2,562 corresponding surface points, obtained by registering a template mesh to every segmentation. Principal component analysis of the aligned points gives 12 modes that explain 95% of the shape variance. The lamina region is marked once on the mean shape, so every instance of the model carries its own lamina label.
## 3.2 Template-Guided Attention
For a new vertebra, we fit a rigid transformation and the 12 shape coefficients to the first-stage vertebra mask by minimising the distance between the model surface and the mask boundary, which takes about 0.4 seconds. The fitted model's lamina region is converted into a signed distance map, which is resampled at the resolution of every decoder level of the U-Net. At each level, the distance map and the decoder features are combined by a 1 x 1 x 1 convolution and a sigmoid into an attention gate that multiplies the skip connection.
The gates tell the decoder where the lamina should be without forcing it there: the network can still follow the image where the template is wrong, for example at an osteophyte. In degenerated spines, the registered template is on average 1.7 mm away from the true lamina surface, so the gate is a strong hint rather than an answer.
## 3.3 Boundary Loss
The network is trained with the sum of a Dice loss, a cross-entropy loss and a boundary loss [8] whose weight increases linearly from 0 to 0.5 over the first 300 epochs. The boundary loss integrates the predicted probabilities against the signed distance to the true lamina surface, so a prediction that leaks one voxel across a thin cortical edge is penalised even though it barely changes the Dice score.
# 4 Experiments
We evaluate segmentation accuracy against generic networks, measure the effect of each part of the method, and ask two spine surgeons whether the segmentations are good enough for planning.
## 4.1 Data, Metrics and Baselines
The VerSe data [1] contain CT scans with whole-vertebra labels. We annotated the laminae of L1 to L5 in 214 scans that cover the lumbar spine. In our annotation protocol, the abbreviation VLA denotes the vertebral lamina label, distinct from VSP for the spinous process and VAF for the articular facets. The in-house data are 140 preoperative lumbar scans from one hospital, 31 of them with marked degenerative changes, annotated with the same protocol by one of three radiologists and checked by a second.
We use five-fold cross-validation over patients and report the Dice score and the 95th-percentile Hausdorff distance (HD95) in millimetres per vertebra, and the Dice score on the 18% of laminae that are thinner than 3 mm. Baselines are a 3D U-Net [3], TransUNet [5] and nnU-Net [4] in its full-resolution configuration, all trained on the same crops for 1,000 epochs.
## 4.2 Main Results
Table 1 shows that VLA-Seg reaches a Dice score of 0.912 against 0.887 for nnU-Net, and that it reduces the HD95 from 3.1 mm to 2.3 mm. The gain is largest on thin laminae, where the Dice score rises from 0.801 to 0.864, a gain of 6.3 points. By vertebral level, L5 is the hardest, with a Dice score of 0.889 for VLA-Seg, because its lamina is the most variable in shape. On the 31 degenerated in-house spines, VLA-Seg reaches 0.884 against 0.842 for nnU-Net.
| Table 1: Lamina segmentation, five-fold cross-validation on 354 scans: Dice, HD95 (mm), and Dice on laminae thinner than 3 mm.
| Model | Dice | HD95 | Dice thin
| 3D U-Net | 0.869 | 3.8 | 0.772
| TransUNet | 0.871 | 3.6 | 0.779
| nnU-Net | 0.887 | 3.1 | 0.801
| *VLA-Seg (ours) | 0.912 | 2.3 | 0.864
Two spine surgeons rated 60 randomly chosen segmentations of each method without knowing which method produced them. They judged 56 of the 60 segmentations of VLA-Seg (93%) acceptable for screw planning without edits, against 47 (78%) for nnU-Net. The most common reason for an edit was a lamina that extended into the facet joint. Editing a segmentation took the surgeons about four minutes per lumbar spine, against about 20 minutes for drawing the laminae from scratch.
## 4.3 Ablation Study
Table 2 removes one part at a time. The shape prior contributes most of the gain: without it, the Dice score falls to 0.891, barely above nnU-Net, and the improvement on thin laminae almost disappears. A rigid template without shape modes helps less than the full deformable model, and four shape modes are not enough to follow degenerated vertebrae. The boundary loss mainly improves the HD95.
| Table 2: Ablations: Dice and HD95 (mm), five-fold cross-validation.
| Variant | Dice | HD95
| *VLA-Seg (full) | 0.912 | 2.3
| w/o shape prior | 0.891 | 3.0
| w/o boundary loss | 0.905 | 2.8
| rigid template only | 0.899 | 2.7
| 4 shape modes | 0.903 | 2.6
Inter-rater agreement bounds what any method can reach. On 20 scans annotated independently by two radiologists, the Dice score between the two annotations was 0.93, so VLA-Seg's 0.912 is close to the agreement between experts. The errors that remain are small but systematic: on average, VLA-Seg places the boundary between lamina and spinous process 0.6 mm further posterior than the annotators, a bias that the surgeons did not consider relevant for planning. Inference takes 2.1 seconds per lumbar spine on one GPU, of which 2.0 seconds are spent on the registration of the five templates.
## 4.4 Robustness to Registration Errors
Because the attention gates depend on the registered template, we tested how much VLA-Seg suffers when the registration is wrong. We displaced the fitted templates by random rigid shifts of up to 4 mm and rotations of up to 8 degrees. The Dice score stays above 0.90 for shifts of up to 2 mm and falls to 0.884 at 4 mm, still close to nnU-Net without any prior. When the soft gates are replaced by hard masks that restrict the segmentation to the template's lamina region, the Dice score at 4 mm falls to 0.812. Soft gating is therefore what makes the prior safe to use when the template is imperfect.
## 4.5 Effect on Screw Planning
Finally, we used the segmentations to plan pedicle screw trajectories with an automatic planner that keeps a safety margin of 2 mm from the lamina and the spinal canal. On 40 in-house spines, with ten screws per spine from L1 to L5, trajectories planned on VLA-Seg masks breach the true lamina in 3 of 400 screws (0.8%), against 14 of 400 (3.5%) with nnU-Net masks and 1 of 400 with the manual reference segmentations.
# 5 Limitations
Our study has limitations. Scans with metal implants remain difficult: on 12 postoperative scans with pedicle screws, which we excluded from the main evaluation, the Dice score of VLA-Seg falls to 0.78, because streak artefacts corrupt both the first-stage mask and the template registration. The shape model covers only the lumbar spine; thoracic and cervical vertebrae have different laminae and would need their own models.
Our evaluation of screw planning used an automatic planner and the reference segmentations as ground truth; it does not replace a clinical study in which surgeons plan and place screws with and without the tool. The in-house data come from a single hospital and a single scanner vendor, so the results may not transfer to other acquisition protocols. Finally, our annotations follow one protocol for the boundary between lamina and facet, which is partly a convention; surgeons who draw this boundary differently would need re-annotated training data.
# 6 Conclusion and Future Work
We presented VLA-Seg, a lamina segmentation network that combines a deformable statistical shape prior with template-guided attention in a 3D U-Net. It improves the Dice score from 0.887 to 0.912 over nnU-Net, approaches the agreement between experts, and produces segmentations that surgeons accept for planning in 93% of cases.
In future work we will extend the shape prior to the cervical and thoracic spine, add metal artefact reduction before the first stage, and test whether the same template-guided attention helps for MRI, where the lamina's cortical boundary is less visible.
# References
A. Sekuboyina, M. E. Husseini, A. Bayat, M. Löffler, et al. VerSe: A vertebrae labelling and segmentation benchmark for multi-detector CT images. Medical Image Analysis, 2021.
N. Lessmann, B. van Ginneken, P. A. de Jong, and I. Isgum. Iterative fully convolutional neural networks for automatic vertebra segmentation and identification. Medical Image Analysis, 2019.
Ö. Çiçek, A. Abdulkadir, S. S. Lienkamp, T. Brox, and O. Ronneberger. 3D U-Net: Learning dense volumetric segmentation from sparse annotation. In MICCAI, 2016.
F. Isensee, P. F. Jaeger, S. A. A. Kohl, J. Petersen, and K. H. Maier-Hein. nnU-Net: A self-configuring method for deep learning-based biomedical image segmentation. Nature Methods, 2021.
J. Chen, Y. Lu, Q. Yu, X. Luo, E. Adeli, Y. Wang, L. Lu, A. L. Yuille, and Y. Zhou. TransUNet: Transformers make strong encoders for medical image segmentation. arXiv preprint, 2021.
T. F. Cootes, C. J. Taylor, D. H. Cooper, and J. Graham. Active shape models: Their training and application. Computer Vision and Image Understanding, 1995.
O. Oktay, E. Ferrante, K. Kamnitsas, M. Heinrich, et al. Anatomically constrained neural networks (ACNNs): Application to cardiac image enhancement and segmentation. IEEE Transactions on Medical Imaging, 2018.
H. Kervadec, J. Bouchtiba, C. Desrosiers, E. Granger, J. Dolz, and I. Ben Ayed. Boundary loss for highly unbalanced segmentation. In MIDL, 2019.
O. Oktay, J. Schlemper, L. Le Folgoc, M. Lee, et al. Attention U-Net: Learning where to look for the pancreas. In MIDL, 2018.
""",
)

BURSTSERVE = DemoPaper(
    arxiv_id="2512.99008",
    version=1,
    categories=("cs.DC", "cs.AI", "cs.LG"),
    title="Serving Large Language Models under Bursty Request Traffic",
    short_title="BurstServe",
    authors=("Ana Silva", "Peter Novak", "Ravi Iyer"),
    affiliation="Example Systems Lab · Demo Institute of Computing",
    comment="4 pages, 1 figure, 2 tables",
    abstract="Chat services see request traffic that changes by a factor of five within minutes, for example when a popular application starts a batch job or a news event drives users to the service. Serving systems such as vLLM batch requests continuously and allocate the key-value (KV) cache on demand, but their static limits on batch size and memory reservation either waste GPU memory in quiet periods or violate latency targets during bursts. We present BurstServe, a scheduler that forecasts the request arrival rate 30 seconds ahead with a small recurrent model and adapts batch-size limits and KV-cache reservations before a burst arrives. Traffic forecasting is a means here, not the goal: the forecaster only needs to be accurate enough to choose between a few scheduling regimes. On seven days of production traces from two chat services, BurstServe cuts the 99th-percentile time to first token by 38% at equal throughput compared with vLLM's default scheduler, and by 24% compared with a reactive autoscaler. Our implementation is available at https://github.com/arxiv-kb-demo/BurstServe, along with anonymised arrival traces.",
    body="""
# 1 Introduction
Large language models are served to millions of users through chat interfaces and APIs, under service-level objectives on latency: the time to first token (TTFT) should stay below a couple of seconds, and tokens should then stream at reading speed. Meeting these objectives is easy on average and hard at the tail, because request arrivals are bursty. In the two production traces we study, the arrival rate changes by a factor of up to 4.7 within five minutes, when an integration starts a batch of requests, a time zone wakes up, or an external event sends users to the service.
Modern serving engines handle load with continuous batching [2] and paged KV-cache memory [1]: new requests join the running batch at every iteration, and cache blocks are allocated as sequences grow. Their behaviour under bursts, however, is governed by static limits set at deployment time, such as the maximum number of sequences in a batch and the fraction of GPU memory given to the cache. Generous limits keep GPUs busy in quiet periods but, when a burst arrives, long-running decodes hold the memory that new prompts need, and the engine must preempt and recompute sequences while the queue grows. Conservative limits avoid this but waste capacity most of the day.
Adding replicas does not help quickly enough. Loading a 70B-parameter model onto a new group of GPUs takes 40 to 90 seconds in our deployment, longer than many bursts last. The scheduler of the running replicas must therefore prepare for a burst before it arrives, which requires knowing that it will arrive.
We show that a cheap forecast is enough. Our contributions are: (1) we characterise the burstiness of two production chat workloads and show that most bursts are preceded by detectable precursors in the arrival process and in the mix of prompt lengths; (2) we propose BurstServe, a scheduler that forecasts the arrival rate 30 seconds ahead and switches between scheduling regimes with different batch limits and KV-cache reservations; (3) we evaluate BurstServe by replaying 41 million requests on a cluster serving a 70B model, where it cuts the 99th-percentile TTFT by 38% at equal throughput. We release our implementation and anonymised arrival traces.
# 2 Related Work
LLM serving engines. Orca [2] introduced iteration-level scheduling, and vLLM [1] manages the KV cache in fixed-size blocks with PagedAttention, which nearly eliminates fragmentation. Sarathi-Serve [3] splits long prefills into chunks to protect the latency of ongoing decodes, DistServe [4] places prefill and decode on different GPUs, and SGLang [9] reuses cached prefixes across requests. These systems optimise the steady state; their limits are configured statically.
Provisioning and autoscaling. InferLine [5] provisions prediction pipelines to meet latency objectives under changing load, and Clockwork [6] achieves predictable latency by controlling every source of variability in DNN serving. Autoscalers for LLMs typically react to queue lengths, which is too late for bursts shorter than the time it takes to start a replica.
Workload forecasting. Forecasting request rates is a classic problem in capacity planning, usually addressed with exponential smoothing and ARIMA models [8] at the scale of hours. We forecast at the scale of seconds, with a recurrent network [7] that also reads the mix of prompt lengths, and we judge the forecaster only by the scheduling decisions it enables.
# 3 Method
BurstServe runs next to the scheduler of each replica of a vLLM deployment. Every second it updates a forecast of the arrival rate for the next 30 seconds, chooses one of three scheduling regimes, and applies the regime's limits to the engine. Figure 1 shows this control loop.
! Figure 1: The BurstServe control loop. A small recurrent model forecasts arrivals; a regime is chosen from the forecast's upper quantile and applied to the engine. | Request arrivals (1 s counts) > GRU load forecaster (30 s ahead) > Regime selection with hysteresis > Batch limit and KV reservation
## 3.1 Load Forecaster
The forecaster is a two-layer GRU [7] with 64 hidden units. Its input is the sequence of the last 600 one-second arrival counts, together with a histogram of the prompt lengths that arrived in each second, because the first requests of a batch job often have a characteristic length. It predicts the median and the 90% quantile of the arrival rate over the next 30 seconds, trained with the pinball loss on the previous two weeks of the same service. Inference takes 0.3 ms on a CPU core. On held-out days, the mean absolute percentage error of the median forecast is 11.4%.
## 3.2 Scheduling Regimes
Rather than mapping the forecast to continuous settings, BurstServe chooses between three regimes, quiet, normal and burst, calibrated offline on the traces. The quiet regime allows large batches of up to 256 sequences and gives all free memory to running sequences. The burst regime caps the batch at 96 sequences, reserves cache blocks for the prompts expected in the next 30 seconds, and chunks long prefills so that the first tokens of new requests are not delayed by one long prompt. The thresholds between regimes are calibrated offline by replaying the two training weeks and choosing, by grid search, the thresholds that minimise the 99th-percentile TTFT while losing at most 2% of throughput. The calibrated burst threshold corresponds to 70% of the measured capacity of a replica, which is about 140 requests per second for our model and hardware. A regime is entered when the 90% quantile forecast crosses its threshold, and left only after the forecast has stayed below it for 20 seconds, which avoids oscillation.
## 3.3 Early KV-Cache Reservation
When the burst regime is predicted, the scheduler starts freeing memory before the burst arrives. Long-running decodes of low-priority requests, such as batch API calls, are swapped to CPU memory in the background while the GPU is still lightly loaded, and their cache blocks are reserved for incoming prompts. Swapping in advance costs far less than preempting and recomputing sequences in the middle of a burst, when the PCIe link and the GPU are already saturated.
# 4 Experiments
We replay production traces on a GPU cluster and compare BurstServe with static and reactive baselines and with a scheduler that knows the future arrivals.
## 4.1 Setup
Trace A comes from a code assistant and contains 23 million requests over seven days; trace B comes from a general chat service and contains 18 million requests over the same week. We replay both, with their original arrival times and prompt and output lengths, against two replicas of a 70B-parameter model, each served by vLLM with tensor parallelism on four A100 GPUs. Forecasters are trained on the two weeks before the replayed week.
We report the 99th-percentile TTFT, the share of requests that meet a TTFT objective of 2 seconds, and the output throughput in thousands of tokens per second. Baselines are vLLM with its default settings, vLLM with the best static configuration found by a grid search on the training weeks, a reactive autoscaler that adds a third replica when the queue exceeds 200 requests, and BurstServe driven by the true future arrivals, which bounds what better forecasts could achieve.
## 4.2 Main Results
Table 1 shows that BurstServe cuts the 99th-percentile TTFT from 4.82 to 2.99 seconds, by 38%, at the same throughput as vLLM's default scheduler. The tuned static configuration and the reactive autoscaler improve the tail less, to 4.05 and 3.91 seconds, and BurstServe improves on the autoscaler by 24% without starting any additional replica. With true future arrivals, the tail latency would be 2.71 seconds, so forecast errors cost only 0.28 seconds at the 99th percentile.
| Table 1: Replay of traces A and B (41 million requests): 99th-percentile TTFT, share of requests with TTFT under 2 s, and throughput.
| Scheduler | P99 TTFT (s) | SLO met (%) | kTok/s
| vLLM default | 4.82 | 91.3 | 14.1
| vLLM tuned static | 4.05 | 93.0 | 13.6
| Reactive autoscaler | 3.91 | 94.2 | 14.0
| *BurstServe | 2.99 | 97.1 | 14.1
| Oracle arrivals | 2.71 | 97.9 | 14.2
Most of the gain comes from the minutes around bursts. Outside the 312 bursts we identified in the replayed week, the tail latencies of all schedulers differ by less than 0.2 seconds. During bursts, the default scheduler preempts on average 1,940 sequences per burst, while BurstServe preempts 260, because it swapped low-priority decodes out before the burst arrived.
## 4.3 How Good Must the Forecast Be?
Table 2 replaces the GRU by simpler forecasters. Even the naive forecast, which assumes that the next 30 seconds look like the last one, improves the tail over the default scheduler, because entering the burst regime a few seconds into a burst is still better than never entering it. Better forecasts help, but with diminishing returns: going from ARIMA to the GRU improves the forecast error by 2.5 points and the tail latency by 5%.
| Table 2: Forecasters: error of the 30-second arrival-rate forecast (MAPE) and resulting 99th-percentile TTFT.
| Forecaster | MAPE (%) | P99 TTFT (s)
| naive (last value) | 19.8 | 3.62
| moving average | 17.5 | 3.48
| ARIMA | 13.9 | 3.15
| *GRU (ours) | 11.4 | 2.99
| oracle | 0.0 | 2.71
Reading the prompt-length histogram matters for trace A, where batch jobs start with a characteristic prompt length: without it, the GRU's error on trace A rises from 10.9% to 14.6%. On trace B the histogram makes no difference.
## 4.4 Anatomy of a Burst
A single burst from trace A illustrates the mechanism. On the Wednesday of the replayed week, a client started a batch job at 14:02, and the arrival rate rose from 38 to 171 requests per second within 50 seconds. The first requests of the job had the long prompts typical of this client, and the 90% quantile forecast crossed the burst threshold 22 seconds before the arrival rate doubled.
In those 22 seconds, BurstServe swapped 410 low-priority sequences to CPU memory and capped the batch size, so that the cache had room for the incoming prompts. During the five minutes of the burst, its 99th-percentile TTFT was 3.4 seconds, while the default scheduler reached 11.8 seconds and preempted 2,630 sequences, many of them several times. The reactive autoscaler requested a third replica 35 seconds into the burst, which became ready 71 seconds later, after the peak had passed.
# 5 Limitations
Our approach has limitations. The forecaster must be retrained when the traffic pattern of a service changes, for example when a large client integrates the API and brings a new daily rhythm; in the week after such a change in trace A, the error of the forecaster doubled until it was retrained. Bursts without precursors, such as those caused by news events, cannot be forecast at all, and BurstServe then behaves like a reactive scheduler.
Reserving memory has a cost when the forecast is wrong: in false alarms, which make up 14% of the burst-regime entries, about 6% of the cache blocks stay idle for up to 30 seconds. Finally, we evaluated one model size and one engine; schedulers that disaggregate prefill and decode [4] may respond differently to the same regimes.
# 6 Conclusion and Future Work
We presented BurstServe, which forecasts request arrivals 30 seconds ahead and switches an LLM serving engine between scheduling regimes before a burst arrives. On 41 million replayed production requests it cuts the 99th-percentile time to first token by 38% at equal throughput, and most of this gain is already available with simple forecasts.
In future work we will share forecasters across services, so that a new service benefits from the patterns of others, and combine regime switching with proactive autoscaling, which needs forecasts over minutes rather than seconds.
# References
W. Kwon, Z. Li, S. Zhuang, Y. Sheng, L. Zheng, C. H. Yu, J. E. Gonzalez, H. Zhang, and I. Stoica. Efficient memory management for large language model serving with PagedAttention. In SOSP, 2023.
G.-I. Yu, J. S. Jeong, G.-W. Kim, S. Kim, and B.-G. Chun. Orca: A distributed serving system for transformer-based generative models. In OSDI, 2022.
A. Agrawal, N. Kedia, A. Panwar, J. Mohan, N. Kwatra, B. S. Gulavani, A. Tumanov, and R. Ramjee. Taming throughput-latency tradeoff in LLM inference with Sarathi-Serve. In OSDI, 2024.
Y. Zhong, S. Liu, J. Chen, J. Hu, Y. Zhu, X. Liu, X. Jin, and H. Zhang. DistServe: Disaggregating prefill and decoding for goodput-optimized large language model serving. In OSDI, 2024.
D. Crankshaw, G.-E. Sela, X. Mo, C. Zumar, I. Stoica, J. Gonzalez, and A. Tumanov. InferLine: Latency-aware provisioning and scaling for prediction serving pipelines. In SoCC, 2020.
A. Gujarati, R. Karimi, S. Alzayat, W. Hao, A. Kaufmann, Y. Vigfusson, and J. Mace. Serving DNNs like Clockwork: Performance predictability from the bottom up. In OSDI, 2020.
K. Cho, B. van Merriënboer, C. Gulcehre, D. Bahdanau, F. Bougares, H. Schwenk, and Y. Bengio. Learning phrase representations using RNN encoder-decoder for statistical machine translation. In EMNLP, 2014.
R. J. Hyndman and G. Athanasopoulos. Forecasting: Principles and Practice. OTexts, third edition, 2021.
L. Zheng, L. Yin, Z. Xie, C. Sun, et al. SGLang: Efficient execution of structured language model programs. In NeurIPS, 2024.
""",
)

CHROMATIC = DemoPaper(
    arxiv_id="2512.99009",
    version=1,
    categories=("cs.DM", "math.CO", "cs.LG"),
    title="Spectral Bounds for the Chromatic Number of Random Geometric Graphs",
    short_title="Spectral chromatic bounds",
    authors=("Olga Petrova", "Martin Keller"),
    affiliation="Example Institute of Mathematics · Demo University",
    comment="22 pages, 3 figures",
    abstract="We bound the chromatic number of random geometric graphs G(n, r) in the unit square through the spectrum of their normalised Laplacian. Known lower bounds based on the clique number are tight in the dense regime but loose by a logarithmic factor when the expected degree is constant. We prove an eigenvalue inequality that relates the number of colours to the multiplicity of small Laplacian eigenvalues, and combine it with a concentration argument for the empirical spectral measure of G(n, r). The resulting lower bound holds with high probability for all radii above the connectivity threshold and can be certified in near-linear time with a Lanczos-type algorithm. On random geometric graphs with up to one million vertices, the certified bound lies within 4% of the number of colours used by a greedy colouring in the sparse regime, so greedy colourings are nearly optimal there; the Hoffman bound is 31% below.",
)

RADIOST = DemoPaper(
    arxiv_id="2512.99010",
    version=2,
    categories=("cs.CL", "cs.AI", "cs.SD", "eess.AS"),
    title="Low-Resource Speech Recognition with Self-Training on Radio Archives",
    short_title="RadioST",
    authors=("Amani Njoroge", "Luis Ortega", "Grace Wanjiru"),
    affiliation="Demo Language Technology Centre · Example University",
    comment="v2: adds Kikuyu results and corrects Table 3; 9 pages, 2 figures",
    submitted="2025-11-03",
    updated="2025-12-08",
    abstract="Automatic speech recognition for languages with little transcribed audio relies on self-training: a seed model transcribes untranscribed audio, and the most confident transcripts are added to the training data. When the seed model is weak, however, confident errors are amplified from round to round. We present RadioST, which filters pseudo-labels with a confidence model trained on radio broadcasts for which partial transcripts exist, such as news bulletins whose scripts are published. Starting from 40 hours of transcribed speech and 4,000 hours of untranscribed radio archives in Swahili and Kikuyu, three rounds of RadioST self-training lower the word error rate on Kikuyu from 31.2% to 22.7% and on Swahili from 18.4% to 14.9%, whereas plain self-training stalls after the second round. Fine-tuning Whisper on the same transcribed data reaches 27.9% on Kikuyu.",
)

SENSORCLR = DemoPaper(
    arxiv_id="2512.99011",
    version=1,
    categories=("cs.LG", "eess.SP"),
    title="SensorCLR: Contrastive Pretraining for Human Activity Recognition from Wearable Sensor Time Series",
    short_title="SensorCLR",
    authors=("Sara Okafor", "Jonas Berg", "Mei Lin"),
    affiliation="Example Lab for Ubiquitous Computing · Demo University of Applied Sciences",
    comment="4 pages, 1 figure, 2 tables",
    abstract="Wearable inertial sensors record multivariate time series of acceleration and angular velocity, from which a classifier can recognise what a person is doing. Labelled recordings are expensive, while unlabelled recordings are plentiful. Representations learned for time series forecasting transfer poorly to this task, because predicting the next samples rewards modelling the signal's fine dynamics rather than the activity. We present SensorCLR, a contrastive pretraining method for wearable sensor windows that builds positive pairs from sensor-specific augmentations, namely random rotations of the device frame, time warping and channel dropout, and from simultaneous recordings at different body positions. Pretrained on 2,300 hours of unlabelled recordings from 410 volunteers and fine-tuned with 10% of the labels, SensorCLR reaches an average macro F1 of 0.789 on UCI-HAR, PAMAP2 and WISDM, 4.7 points above the best self-supervised baseline and 10.0 points above supervised training on the same labels.",
    body="""
# 1 Introduction
Smartwatches and fitness bands carry accelerometers and gyroscopes that sample the motion of the wrist 50 or more times per second. From a few seconds of these signals, a classifier can tell whether a person is walking, climbing stairs, cycling or sitting, which enables step counting, fall detection and long-term monitoring of physical activity in medical studies. Human activity recognition (HAR) has therefore become a standard application of deep learning on sensor data.
The bottleneck is labels. Annotating activities requires video recordings or a person following a protocol in a lab, and lab protocols produce recordings that differ from free living. At the same time, unlabelled recordings are abundant: every wearable collects them continuously. Self-supervised learning, which learns representations from unlabelled data and then needs only a few labels, is the natural answer.
However, generic self-supervised methods for time series are designed with other goals in mind. Methods developed for time series forecasting or for general time series representation [4, 5] use augmentations such as jittering and scaling, which do not reflect how recordings of the same activity actually differ. Two recordings of walking differ mainly in how the device is oriented on the wrist, how fast the person walks, and which body position the device is worn at, and a useful representation should be invariant to exactly these factors.
We design augmentations around them. Our contributions are: (1) we propose SensorCLR, a contrastive pretraining method whose positive pairs come from random rotations of the device frame, time warping, channel dropout and simultaneous recordings at different body positions; (2) we pretrain on 2,300 hours of unlabelled recordings from 410 volunteers and show that the representation transfers across datasets, devices and body positions; (3) we evaluate on three public benchmarks, where SensorCLR with 10% of the labels improves the average macro F1 by 4.7 points over the best self-supervised baseline.
Throughout, we measure what practitioners care about when labels are scarce: how well a classifier fine-tuned from the pretrained encoder recognises activities of people it has never seen, on devices and body positions that may differ from those of the pretraining data.
# 2 Related Work
Deep learning for HAR. DeepConvLSTM [6] combines convolutional and recurrent layers and remains a common supervised baseline. The public benchmarks UCI-HAR [7], PAMAP2 [8] and WISDM [9] differ in sensors, body positions and activities, and results on one rarely transfer to another without retraining.
Self-supervised learning for sensor data. Multi-task self-supervision [10] trains a network to recognise which transformation was applied to a signal. Contrastive methods adapt SimCLR [1] and contrastive predictive coding [2] to time series: TS-TCC [4] combines temporal and contextual contrasting, and TS2Vec [5] learns hierarchical representations for any time series task. Masked reconstruction [3] predicts hidden parts of the input. Our method belongs to the contrastive family, but its augmentations model the physical sources of variation of wearable recordings.
# 3 Method
SensorCLR pretrains an encoder on unlabelled windows of five seconds of tri-axial acceleration and angular velocity sampled at 50 Hz, that is 6 channels and 250 time steps. Figure 1 shows the pretraining pipeline. After pretraining, the projection head is discarded and a linear classifier, or the whole network, is fine-tuned on labelled windows.
! Figure 1: SensorCLR pretraining. Two views of a window are created by physical augmentations, or taken from another body position, and pulled together in embedding space. | Unlabelled sensor window > Physical augmentations > 1D ResNet encoder > Contrastive loss
## 3.1 Physical Augmentations
Each view applies three random transformations. A rotation of the device frame, drawn uniformly from all 3D rotations, simulates a watch worn loosely or on the other wrist; the same rotation is applied to the accelerometer and the gyroscope so that the two remain consistent. Time warping stretches or compresses the window by up to 20% with a smooth random warp, which simulates faster or slower execution of the same activity. Channel dropout sets the gyroscope channels to zero with probability 0.3, because many cheap devices have no gyroscope.
## 3.2 Cross-Position Positives
Part of our pretraining data comes from volunteers who wore devices at the wrist, the hip and the ankle at the same time. For these recordings, windows from two body positions at the same moment form additional positive pairs. They show the same activity through very different signals, which teaches the encoder to represent the activity rather than the device placement.
## 3.3 Encoder and Loss
The encoder is a 1D ResNet with eight residual blocks and 1.9 million parameters, followed by global average pooling and a two-layer projection head with 128 outputs. We train with the NT-Xent loss [1] with a temperature of 0.1 and batches of 1,024 windows, for 100 epochs with the LARS optimizer, which takes 14 hours on four GPUs.
## 3.4 Fine-Tuning
For fine-tuning, a linear classifier is attached to the pooled features, and the whole network is trained for 50 epochs with a learning rate ten times smaller for the encoder than for the classifier. Because activity datasets are imbalanced, with far more sitting than climbing stairs, we sample training windows in a class-balanced way. At test time, predictions of overlapping windows are averaged over one-second steps.
# 4 Experiments
We evaluate how well the pretrained representation supports activity recognition with few labels, and which augmentations matter.
## 4.1 Datasets, Protocol and Baselines
UCI-HAR [7] contains 30 participants performing six activities with a smartphone at the waist. PAMAP2 [8] contains 9 participants performing 12 activities with devices at the wrist, chest and ankle; we use the wrist device. WISDM [9] contains 36 participants performing six activities with a phone in the trouser pocket. None of these recordings is used for pretraining. We resample all data to 50 Hz and split by participant, so that test participants are never seen in training.
We fine-tune the whole network with 1%, 10% and 100% of the labelled training windows and report the macro F1 score averaged over five random label subsets. Baselines are supervised training from scratch, masked reconstruction [3], TS2Vec [5] and TS-TCC [4], all pretrained on our unlabelled corpus with the code of their authors.
## 4.2 Main Results
Table 1 shows the macro F1 with 10% of the labels. SensorCLR reaches an average of 0.789, against 0.742 for TS-TCC, the best self-supervised baseline, and 0.689 for supervised training on the same labels. The largest gain is on PAMAP2, where the wrist device is worn in a different orientation than in most of our pretraining data, and the rotation augmentation pays off.
| Table 1: Macro F1 with 10% of the labels, averaged over five label subsets.
| Method | UCI-HAR | PAMAP2 | WISDM | Avg.
| Supervised | 0.781 | 0.684 | 0.602 | 0.689
| Masked reconstruction | 0.823 | 0.731 | 0.641 | 0.732
| TS2Vec | 0.829 | 0.738 | 0.655 | 0.741
| TS-TCC | 0.835 | 0.744 | 0.647 | 0.742
| *SensorCLR (ours) | 0.871 | 0.793 | 0.702 | 0.789
The advantage shrinks as labels become plentiful. With 1% of the labels, SensorCLR's average macro F1 of 0.701 is 9.3 points above TS-TCC; with all labels, its 0.851 is 1.2 points above TS-TCC and 2.5 points above supervised training. Linear evaluation, in which the encoder is frozen and only the classifier is trained, shows the same ranking: with 10% of the labels, SensorCLR reaches an average macro F1 of 0.752, TS-TCC 0.706 and TS2Vec 0.698. Most remaining errors confuse walking upstairs with walking downstairs, and sitting with standing, which differ mainly in the orientation of the body rather than in its motion.
## 4.3 Ablation Study
Table 2 removes one augmentation at a time. The rotation of the device frame matters most: without it, the average macro F1 falls from 0.789 to 0.761. Cross-position positives add 2.1 points, and channel dropout mainly helps on WISDM, whose phones record no gyroscope signal. Using only the generic augmentations of earlier work, jittering and scaling, gives 0.744, close to TS-TCC.
| Table 2: Ablations: average macro F1 over the three datasets with 10% of the labels.
| Variant | Avg. F1
| *SensorCLR (full) | 0.789
| w/o rotation | 0.761
| w/o cross-position positives | 0.768
| w/o channel dropout | 0.779
| w/o time warping | 0.774
| generic augmentations only | 0.744
We also tested whether the representation captures the dynamics that forecasting needs. A linear probe on frozen SensorCLR features predicts the next second of acceleration with a 23% higher error than a probe on TS2Vec features, which confirms that invariance to rotation and speed, useful for recognition, discards information that prediction needs.
## 4.4 Transfer across Positions and Devices
The invariances learned in pretraining should help when a classifier is used at a body position or on a device that it was not trained on. We fine-tuned on the PAMAP2 wrist data and tested on the ankle device of the same participants. SensorCLR reaches a macro F1 of 0.612, against 0.503 for TS-TCC and 0.441 for supervised training. In a second test, we fine-tuned on the smartphone data of UCI-HAR and tested on smartwatch recordings of the same six activities from 12 of our volunteers, where SensorCLR reaches 0.704 and supervised training 0.533.
## 4.5 Amount and Diversity of Pretraining Data
Pretraining on 100, 500 and 2,300 hours of unlabelled data gives an average macro F1 of 0.751, 0.774 and 0.789 with 10% of the labels, so the gains flatten with more data. The number of people matters more than the number of hours: 2,300 hours from only 100 of the 410 volunteers give 0.771, less than 500 hours from all of them.
# 5 Limitations
Our study has limitations. The benchmarks were recorded in labs or under scripted protocols, and activity recognition in free living, with transitions, rare activities and unusual device placements, is harder than these numbers suggest. Cross-position positives require recordings with several synchronised devices, which are rare outside research studies.
Five-second windows cannot capture activities that unfold over minutes, such as cooking or cleaning, and our pretraining corpus contains few older adults and few people with mobility impairments, for whom activity recognition matters most in medical applications.
Privacy is a further concern: continuous motion recordings can reveal health conditions and daily routines, and pretraining on them requires consent and careful data governance, which our volunteers gave for this study.
# 6 Conclusion and Future Work
We presented SensorCLR, a contrastive pretraining method for wearable sensor data whose augmentations model device orientation, execution speed, missing sensors and body position. With 10% of the labels it improves the macro F1 by 4.7 points over the best self-supervised baseline on three benchmarks.
In future work we plan to pretrain on free-living recordings with longer context windows, to evaluate on populations with mobility impairments, and to combine the contrastive objective with masked reconstruction so that one encoder serves both recognition and prediction.
# References
T. Chen, S. Kornblith, M. Norouzi, and G. Hinton. A simple framework for contrastive learning of visual representations. In ICML, 2020.
A. van den Oord, Y. Li, and O. Vinyals. Representation learning with contrastive predictive coding. arXiv preprint, 2018.
H. Haresamudram, A. Beedu, V. Agrawal, P. L. Grady, I. Essa, J. Hoffman, and T. Plötz. Masked reconstruction based self-supervision for human activity recognition. In ISWC, 2020.
E. Eldele, M. Ragab, Z. Chen, M. Wu, C. K. Kwoh, X. Li, and C. Guan. Time-series representation learning via temporal and contextual contrasting. In IJCAI, 2021.
Z. Yue, Y. Wang, J. Duan, T. Yang, C. Huang, Y. Tong, and B. Xu. TS2Vec: Towards universal representation of time series. In AAAI, 2022.
F. J. Ordóñez and D. Roggen. Deep convolutional and LSTM recurrent neural networks for multimodal wearable activity recognition. Sensors, 2016.
D. Anguita, A. Ghio, L. Oneto, X. Parra, and J. L. Reyes-Ortiz. A public domain dataset for human activity recognition using smartphones. In ESANN, 2013.
A. Reiss and D. Stricker. Introducing a new benchmarked dataset for activity monitoring. In ISWC, 2012.
J. R. Kwapisz, G. M. Weiss, and S. A. Moore. Activity recognition using cell phone accelerometers. ACM SIGKDD Explorations Newsletter, 2011.
A. Saeed, T. Ozcelebi, and J. Lukkien. Multi-task self-supervised learning for human activity detection. Proceedings of the ACM on Interactive, Mobile, Wearable and Ubiquitous Technologies, 2019.
""",
)

PREMISEGRAPH = DemoPaper(
    arxiv_id="2512.99012",
    version=1,
    categories=("cs.AI", "cs.LO", "cs.LG"),
    title="PremiseGraph: Retrieval-Augmented Proof Search in Lean 4 with Premise Dependency Graphs",
    short_title="PremiseGraph",
    authors=("Tobias Winter", "Aditi Rao", "Mikhail Sokolov"),
    affiliation="Example Institute for Formal Methods · Demo University of Technology",
    comment="4 pages, 1 figure, 2 tables",
    abstract="Language models that generate tactics for interactive theorem provers depend on retrieving the right lemmas, or premises, from libraries with hundreds of thousands of them. Dense retrievers such as the one in ReProver embed the proof state and each premise independently and miss premises that are useful only in combination with others. We present PremiseGraph, which builds a dependency graph of the Lean 4 Mathlib library from the premises that proofs use together, retrieves premises by personalised PageRank seeded with dense retrieval scores, and feeds the retrieved set to a tactic generator fine-tuned from a 1.3B-parameter code model. During best-first proof search, the graph is queried again with the premises used in the proof so far. On the random split of LeanDojo Benchmark 4, PremiseGraph proves 57.9% of the test theorems within 10 minutes, against 49.3% for ReProver retrained with the same budget, and raises the recall@10 of premise retrieval from 38.4% to 47.1%. On miniF2F-test it proves 36.1% of the problems. Code: https://github.com/arxiv-kb-demo/PremiseGraph.",
    body="""
# 1 Introduction
Interactive theorem provers such as Lean check every step of a mathematical proof, which makes formal proofs trustworthy but expensive to write. Mathlib [12], Lean's community library, contains about 180,000 definitions and lemmas, and much of the effort of writing a formal proof goes into finding the lemma that closes the current goal. Language models that suggest proof steps, or tactics, promise to automate much of this work [1, 2, 4].
Premise selection is central to these systems. A tactic such as a rewrite is only useful if it names the right lemma, and a language model cannot memorise a library that changes every week. LeanDojo's ReProver [4] therefore retrieves premises with a dense retriever: the current proof state and every premise are embedded independently, and the nearest premises are given to the tactic generator as context.
However, premises are not used independently. Proofs in Mathlib use lemmas in recurring combinations: a lemma about the monotonicity of a function is typically used together with lemmas about the positivity of its arguments, and a lemma about finite sums with lemmas that reindex them. A premise that is needed only as the second half of such a combination may look unrelated to the proof state, and a dense retriever ranks it low. In our analysis of ReProver's failures on the random split, 41% of the proofs it did not find need at least one premise that is ranked below position 100 by the dense retriever but that co-occurs with a highly ranked premise in at least five training proofs.
We exploit these co-occurrences. Our contributions are: (1) we build a premise dependency graph of Mathlib, with edges between premises that are used in the same proof and from each lemma to the premises of its own proof; (2) we propose PremiseGraph, which retrieves premises by personalised PageRank on this graph, seeded with dense retrieval scores, and re-queries the graph with the premises already used during proof search; (3) we evaluate on LeanDojo Benchmark 4 and on miniF2F, where PremiseGraph proves 57.9% of the random-split test theorems, 8.6 points more than ReProver retrained with the same budget.
# 2 Related Work
Neural theorem proving. GPT-f [1] showed that a language model can generate tactics for Metamath and later Lean. HyperTree Proof Search [2] learns to search over proof trees with online training, Thor [3] lets a language model call automated provers, and DeepSeek-Prover [5] trains on large sets of synthetic formal statements and generates whole proofs. LeanDojo [4] provides tools and benchmarks for Lean and the retrieval-augmented prover ReProver, which we build on.
Premise selection. DeepMath [6] first trained neural networks to select premises for automated provers, and Magnushammer [7] uses contrastive training to retrieve premises for Isabelle. Graph neural networks over the syntax of formulas have been used to represent higher-order logic for premise selection [8]. Our graph is different: its nodes are premises and its edges record how proofs use them, which captures usage patterns that are not visible in the statements.
Retrieval. Retrieval-augmented generation [9] conditions a generator on retrieved documents, and personalised PageRank [10] ranks the nodes of a graph by their proximity to a set of seed nodes. We combine the two: dense retrieval chooses the seeds, and the graph spreads relevance to premises that are used together with them.
# 3 Method
At every step of proof search, PremiseGraph retrieves a set of premises for the current proof state and asks the tactic generator for candidate tactics, which Lean then checks. Figure 1 shows the retrieval pipeline.
! Figure 1: Retrieval in PremiseGraph. Dense scores seed a personalised PageRank on the premise graph; the top premises go to the tactic generator, whose proof search re-queries the graph. | Proof state > Dense retrieval (seed scores) > PageRank on premise graph > Tactic generator and search
## 3.1 Premise Dependency Graph
The nodes of the graph are the 180,000 premises of the Mathlib version used by LeanDojo Benchmark 4. Co-usage edges connect two premises that appear in the same training proof, weighted by their pointwise mutual information over all training proofs, and we keep the 20 strongest edges per premise. Dependency edges connect each lemma to the premises used in its own proof. The graph has 4.1 million edges and is built from training proofs only, so no test proof leaks into it; building it takes two hours on one CPU machine.
## 3.2 Graph-Based Retrieval
A dense retriever, trained as in ReProver [4] with a ByT5-small encoder, scores all premises that are accessible at the current position in the library and keeps the top 200 as seeds. Personalised PageRank with a restart probability of 0.3 then spreads the softmax of the seed scores over the graph. The final score of a premise is a weighted sum of its dense score and its PageRank score, with the weight tuned on the validation set, and the top 20 premises are given to the generator. One retrieval takes 40 ms on a CPU core, because the PageRank iterations run only on the subgraph within two hops of the seeds.
## 3.3 Tactic Generation and Search
The tactic generator is fine-tuned from an open 1.3B-parameter code model on the tactic steps of the training proofs, with the retrieved premises prepended to each proof state. Proof search is best-first: for each proof state the generator samples 64 tactics, and states are expanded in order of the cumulative log-probability of the tactics that led to them, for at most 10 minutes per theorem. After every successful tactic, the premises it used are added to the seeds of the next retrieval, so the graph can suggest the premises that usually follow them.
# 4 Experiments
We evaluate PremiseGraph on Mathlib theorems, including theorems whose proofs need premises never used in training, and on competition problems.
## 4.1 Setup
LeanDojo Benchmark 4 [4] is extracted from Mathlib and offers two splits, each with 2,000 test theorems: a random split, and a novel-premises split in which every test proof uses at least one premise that no training proof uses. miniF2F [11] contains 244 test problems from mathematics competitions, formalised in Lean. We report the percentage of theorems proved within 10 minutes on one GPU, and the recall@10 of premise retrieval, the share of the premises of the human-written proof among the top 10 retrieved.
Training the generator takes two days on eight A100 GPUs, and every theorem is searched on a single A100. We compare with Aesop, Lean's rule-based proof automation, with ReProver [4] retrained on the same data and compute as our generator, and with two variants of our system: the generator without retrieval and the generator with dense retrieval only.
## 4.2 Main Results
Table 1 shows that PremiseGraph proves 57.9% of the random-split test theorems, 1,158 of 2,000, against 49.3% for ReProver and 53.4% for our generator with dense retrieval only. The recall@10 of premise retrieval rises from 38.4% to 47.1% with the graph. The gain is larger on the novel-premises split, 36.5% against 30.2% with dense retrieval, because dependency edges link an unused premise to the lemmas of its own proof and make it reachable from seeds that the dense retriever finds.
| Table 1: Percentage of test theorems proved within 10 minutes on LeanDojo Benchmark 4 (2,000 theorems per split) and miniF2F-test (244 problems).
| Method | Random | Novel | miniF2F
| Aesop | 12.1 | 9.8 | 8.6
| ReProver (retrained) | 49.3 | 27.6 | 26.2
| Ours, no retrieval | 46.8 | 19.9 | 29.5
| Ours, dense retrieval | 53.4 | 30.2 | 33.6
| *PremiseGraph | 57.9 | 36.5 | 36.1
On miniF2F, PremiseGraph proves 88 of the 244 problems (36.1%), against 82 with dense retrieval. Competition problems need fewer library lemmas than Mathlib theorems, so retrieval matters less, and the generator without retrieval already proves 72 of them.
## 4.3 Ablation Study
Table 2 examines the parts of the graph and of the search on the random split. Both kinds of edges contribute: co-usage edges alone reach 55.6%, dependency edges alone 54.8%. Re-querying the graph with the premises already used during search adds 2.0 points, although it does not change the recall@10 measured on the initial proof states. Giving the generator 10 premises instead of 20 costs 1.5 points.
| Table 2: Ablations on the random split: theorems proved (%) and premise recall@10 (%).
| Variant | Proved | Recall@10
| *PremiseGraph (full) | 57.9 | 47.1
| co-usage edges only | 55.6 | 44.9
| dependency edges only | 54.8 | 42.0
| no re-querying in search | 55.9 | 47.1
| 10 premises in the prompt | 56.4 | 47.1
Weighting co-usage edges by pointwise mutual information matters. A few very general lemmas, such as simplification lemmas about adding zero, co-occur with almost every other premise, and with raw co-occurrence counts PageRank ranks them first for every proof state; the share of proved theorems then drops to 54.1%.
The proofs found by PremiseGraph are also shorter: the proofs of the 1,012 theorems that both PremiseGraph and ReProver prove have on average 4.1 tactics with PremiseGraph and 5.3 with ReProver, and the mean search time for a proved theorem is 41 seconds.
## 4.4 Error Analysis
We inspected 100 of the 842 random-split theorems that PremiseGraph does not prove. In 38 of them, all premises of the human proof are retrieved, but the generator applies them with the wrong arguments or in the wrong order. In 27, at least one needed premise is still not retrieved, typically a lemma from a distant part of the library with no co-usage edges to the seeds. In 21, the proof needs more than ten tactics and the search runs out of time, and in the remaining 14 the proof needs to unfold a definition or to use a structured calculation block, which the generator rarely produces. Better retrieval can thus address only about a quarter of the remaining failures.
# 5 Limitations
Our approach has limitations. The graph is built from existing proofs, so it helps least in young areas of the library with few proofs, and new lemmas are reachable only through the dependency edges of their own proofs. Mathlib changes every week, and the graph must be rebuilt, which takes two hours, and the retriever retrained when the library changes substantially.
We evaluated with a budget of 10 minutes per theorem on one GPU; with larger budgets, the gap between retrieval methods may shrink as search compensates for missing premises. On competition problems, which rely more on clever manipulations than on library lemmas, the benefit of the graph is small.
The graph also inherits the habits of Mathlib's authors: premises that are popular in existing proofs are easier to reach than equally useful but rarely used alternatives, which may bias the prover towards conventional proofs.
# 6 Conclusion and Future Work
We presented PremiseGraph, which retrieves premises for a Lean tactic generator by personalised PageRank on a graph of how Mathlib proofs use their premises. It raises the share of proved test theorems from 49.3% to 57.9% on LeanDojo Benchmark 4 and helps most for theorems that need premises never used in training.
In future work we will learn edge weights jointly with the retriever, offer graph-based lemma suggestions to human users of Lean, and apply the same idea to other proof assistants with large libraries, such as Isabelle.
# References
S. Polu and I. Sutskever. Generative language modeling for automated theorem proving. arXiv preprint, 2020.
G. Lample, M.-A. Lachaux, T. Lavril, X. Martinet, A. Hayat, G. Ebner, A. Rodriguez, and T. Lacroix. HyperTree proof search for neural theorem proving. In NeurIPS, 2022.
A. Q. Jiang, W. Li, S. Tworkowski, K. Czechowski, et al. Thor: Wielding hammers to integrate language models and automated theorem provers. In NeurIPS, 2022.
K. Yang, A. M. Swope, A. Gu, R. Chalamala, P. Song, S. Yu, S. Godil, R. Prenger, and A. Anandkumar. LeanDojo: Theorem proving with retrieval-augmented language models. In NeurIPS Datasets and Benchmarks, 2023.
H. Xin, D. Guo, Z. Shao, Z. Ren, et al. DeepSeek-Prover: Advancing theorem proving in LLMs through large-scale synthetic data. arXiv preprint, 2024.
A. A. Alemi, F. Chollet, N. Een, G. Irving, C. Szegedy, and J. Urban. DeepMath: Deep sequence models for premise selection. In NeurIPS, 2016.
M. Mikula, S. Antoniak, S. Tworkowski, A. Q. Jiang, et al. Magnushammer: A transformer-based approach to premise selection. In ICLR, 2024.
A. Paliwal, S. Loos, M. Rabe, K. Bansal, and C. Szegedy. Graph representations for higher-order logic and theorem proving. In AAAI, 2020.
P. Lewis, E. Perez, A. Piktus, F. Petroni, et al. Retrieval-augmented generation for knowledge-intensive NLP tasks. In NeurIPS, 2020.
G. Jeh and J. Widom. Scaling personalized web search. In WWW, 2003.
K. Zheng, J. M. Han, and S. Polu. miniF2F: A cross-system benchmark for formal Olympiad-level mathematics. In ICLR, 2022.
The mathlib Community. The Lean mathematical library. In CPP, 2020.
""",
)

ROOMSPLAT = DemoPaper(
    arxiv_id="2512.99013",
    version=1,
    categories=("cs.CV", "cs.GR"),
    title="RoomSplat: Sparse-View Indoor Reconstruction with Planar and Depth Priors for Gaussian Splatting",
    short_title="RoomSplat",
    authors=("Lucía Fernández", "Ethan Clarke", "Hyun-woo Park"),
    affiliation="Demo Visual Computing Group · Example Institute of Technology",
    comment="4 pages, 1 figure, 2 tables",
    paper_size="a4",
    abstract="3D Gaussian splatting reconstructs scenes in high quality when hundreds of views are available, but a casual indoor capture with a phone often has only a handful of views, and textureless walls and floors then produce floating artefacts and holes. We present RoomSplat, which regularises Gaussian splatting with monocular depth and normal priors aligned to sparse structure-from-motion points, and with a planar prior for walls, floors and ceilings detected in the images. Gaussians near a detected plane are flattened and attached to it, and new Gaussians are spawned on plane regions that few views observe. With 8 input views, RoomSplat improves the PSNR of novel views by 2.4 dB over 3D Gaussian splatting on ScanNet++ and by 1.9 dB on Replica, and lowers the depth error by 38%, while training in 6 minutes on one GPU.",
    body="""
# 1 Introduction
Reconstructing a room from photos has many uses: estate agents publish walk-throughs, furniture shops let customers place products in their own living room, and renovation planners measure walls. 3D Gaussian splatting [2] has made such reconstructions fast to train and to render, representing a scene as millions of coloured 3D Gaussians that are optimised to reproduce the input photos.
Its quality, however, depends on dense coverage. With hundreds of views, every surface is seen from many directions and the Gaussians settle on it. With the 5 to 10 photos that a person takes casually with a phone, many configurations of Gaussians reproduce the training views equally well. The optimisation then places Gaussians in front of walls, where they look right from the training cameras but float in mid-air from any other viewpoint, and leaves holes in parts of the floor that only one photo shows.
Indoor scenes make this worse and better at the same time. Worse, because walls, floors and ceilings are large and textureless, so the photos constrain their depth only at their edges. Better, because these surfaces are planar, and a few strong geometric assumptions explain most of a room. Monocular depth and normal estimators, trained on millions of images [6, 8], add further hints about geometry from a single photo.
Other sparse-view methods add depth supervision [4, 5], but they treat every pixel alike. In a room, however, a few large surfaces cover most of the image, and getting them right is what makes a reconstruction look clean to a viewer walking through it. We combine these priors with Gaussian splatting. Our contributions are: (1) we align monocular depth and normal predictions to the sparse points of structure from motion and use them as soft supervision; (2) we propose a planar prior that detects walls, floors and ceilings, flattens the Gaussians near them and spawns new Gaussians on their unobserved parts; (3) we evaluate RoomSplat with 4 to 32 views on ScanNet++ and Replica, where it improves PSNR by 2.4 dB and depth error by 38% over 3D Gaussian splatting with 8 views.
# 2 Related Work
Neural scene representations. NeRF [1] represents a scene as a neural radiance field rendered by volume rendering. 3D Gaussian splatting [2] replaces the network with explicit Gaussians and a differentiable rasteriser, which trains in minutes and renders in real time.
Sparse-view reconstruction. RegNeRF [3] regularises the geometry and appearance of unobserved views of a radiance field. FSGS [4] densifies Gaussians by proximity and supervises them with monocular depth, and DNGaussian [5] normalises depth supervision globally and locally. These methods use depth as their only geometric prior; none of them exploits the planarity of indoor scenes.
Geometric priors. Depth Anything [6] predicts relative depth from a single image, and Omnidata [8] predicts surface normals. PlaneRCNN [7] detects planes in single images. We detect planes from the aligned depth and normal predictions of several views, which is more robust than detection in single images.
# 3 Method
RoomSplat starts from camera poses and sparse points computed by structure from motion [11] on the input photos. It adds three kinds of supervision to the photometric loss of Gaussian splatting: aligned monocular depth, aligned monocular normals, and a planar prior. Figure 1 gives an overview.
! Figure 1: RoomSplat. Monocular depth and normals are aligned to sparse structure-from-motion points, planes are detected, and Gaussians are optimised with photometric, depth, normal and plane losses. | Sparse photos and SfM points > Aligned depth and normal priors > Plane detection > Gaussian optimisation with plane losses
## 3.1 Aligned Monocular Priors
Monocular depth is only defined up to an unknown scale and shift per image. For every input view we fit this scale and shift by least squares to the depths of the sparse structure-from-motion points that project into the view, ignoring the 10% of points with the largest residuals. The aligned depth map then supervises the rendered depth with an L1 loss of weight 0.1. Normal predictions need no alignment beyond the rotation of the camera, and supervise the normals of the rendered Gaussians with a cosine loss of weight 0.05.
## 3.2 Planar Prior
We detect planes by clustering the back-projected points of the aligned depth maps of all views, using their normals, with a RANSAC procedure that keeps planes covering at least 2% of the pixels of some view. In a typical room this finds the floor, the ceiling, two to four walls, and large flat furniture surfaces such as table tops. Gaussians whose centres lie within 2 cm of a plane are attached to it: a loss of weight 0.2 penalises the distance of their centres from the plane, and their smallest scale axis is aligned with the plane's normal, so they become flat discs lying on the surface.
Planes are re-estimated every 1,000 iterations from the rendered depth instead of the monocular predictions, so that a plane whose first estimate was tilted by a poor depth map can be corrected once the Gaussians agree on a better surface. In our scenes, re-estimation changes the orientation of 11% of the planes by more than two degrees.
## 3.3 Densification on Planes
Parts of a plane that only one view sees, or none, remain empty in standard Gaussian splatting. We sample new Gaussians on the detected planes wherever the rendered opacity from any training view falls below 0.5 inside the plane's extent, and initialise their colour from the nearest observed Gaussians on the same plane. This fills the floor under a table and the wall behind a lamp, which a person moving through the room will see.
## 3.4 Training Details
Gaussians are initialised from the structure-from-motion points and from 50,000 points sampled from the aligned depth maps, which gives the optimisation a starting geometry even on textureless walls. We train for 7,000 iterations with the learning rates of 3D Gaussian splatting [2], densify every 100 iterations until iteration 4,000, and enable the plane losses after 500 iterations, once the detected planes have been fitted to the initial points.
# 4 Experiments
We evaluate the quality of novel views and of the reconstructed geometry with few input views, vary the number of views, and ablate the priors.
## 4.1 Datasets, Metrics and Baselines
ScanNet++ [9] contains high-resolution DSLR captures of indoor scenes; we use 20 scenes for which structure from motion succeeds with 8 views, since it failed on 2 of the 22 scenes we considered. Replica [10] provides 8 synthetic but photorealistic rooms. In every scene, training views are chosen by farthest-point sampling of the camera positions, and 50 other views are used for testing.
We report PSNR, SSIM and LPIPS on the test views, and the absolute relative error (AbsRel) of the rendered depth against the ground-truth depth. Baselines are RegNeRF [3], 3D Gaussian splatting (3DGS) [2], FSGS [4] and DNGaussian [5], all run with the code of their authors and the same camera poses.
## 4.2 Main Results
Table 1 shows the results on ScanNet++ with 8 views. RoomSplat reaches a PSNR of 22.0 dB, 2.4 dB above 3DGS and 1.0 dB above DNGaussian, the strongest baseline, and lowers the depth error from 0.213 to 0.132, by 38%. On Replica, RoomSplat improves the PSNR from 24.3 dB for 3DGS to 26.2 dB. The improvement is most visible on walls and floors: in renderings from viewpoints between the training views, floaters in front of walls disappear almost completely.
| Table 1: Novel-view synthesis and depth on ScanNet++ (20 scenes, 8 training views).
| Method | PSNR | SSIM | LPIPS | AbsRel
| RegNeRF | 18.9 | 0.712 | 0.402 | 0.241
| 3DGS | 19.6 | 0.741 | 0.338 | 0.213
| FSGS | 20.8 | 0.768 | 0.301 | 0.171
| DNGaussian | 21.0 | 0.771 | 0.297 | 0.160
| *RoomSplat (ours) | 22.0 | 0.802 | 0.262 | 0.132
The priors matter most when views are scarce. With 4, 8, 16 and 32 views, RoomSplat reaches a PSNR of 19.1, 22.0, 24.6 and 26.3 dB on ScanNet++, and 3DGS reaches 16.2, 19.6, 23.1 and 26.0 dB, so the two converge once the views cover the room densely. Training takes 6 minutes per scene on one RTX 4090, against 4 minutes for 3DGS, mostly because of the additional Gaussians spawned on planes.
## 4.3 Ablation Study
Table 2 removes one prior at a time on ScanNet++ with 8 views. Depth supervision is the most important single prior, and using the monocular depth without aligning it to the structure-from-motion points is worse than using no depth at all for geometry, because errors in scale distort the whole room. The planar prior adds 0.9 dB and lowers the depth error from 0.158 to 0.132.
| Table 2: Ablations on ScanNet++ with 8 views: PSNR and depth error.
| Variant | PSNR | AbsRel
| *RoomSplat (full) | 22.0 | 0.132
| w/o planar prior | 21.1 | 0.158
| w/o depth prior | 20.7 | 0.181
| w/o normal prior | 21.6 | 0.141
| w/o plane densification | 21.5 | 0.139
| unaligned depth prior | 20.9 | 0.193
The priors interact. Without depth, the planes are detected from the normals and the sparse points alone, and 27% of them are placed more than 5 cm from the true surface, which explains why removing the depth prior also weakens the planar prior.
Plane densification mainly improves views that look at regions seen by a single training photo: on the 20% of test pixels that fall into such regions, it raises the PSNR by 1.8 dB, while the average gain is 0.5 dB.
## 4.4 Geometry Quality
Better views should come from better geometry, so we also evaluate the reconstructed surfaces. We fuse the rendered depth maps of all test views into a mesh with truncated signed distance fusion and compare it with the ground-truth meshes of Replica. The Chamfer distance is 3.1 cm for RoomSplat, 4.6 cm for DNGaussian and 7.9 cm for 3DGS, and 88.4% of the ground-truth surface lies within 5 cm of the RoomSplat mesh, against 71.2% for 3DGS. The remaining errors concentrate on thin objects such as chair legs and lamp stands, which the priors do not help with.
## 4.5 Casual Phone Captures
Benchmark captures are cleaner than what people actually take. We therefore photographed six apartments with a phone, eight photos per room, handheld and with automatic exposure, and rendered fly-through videos with RoomSplat and DNGaussian. Since there is no ground truth, 18 participants compared the videos of each apartment side by side without knowing which method produced them. They preferred RoomSplat in 88 of the 108 comparisons (81%), most often citing cleaner walls and the absence of floating blobs.
# 5 Limitations
Our approach has limitations. The planar prior helps only where surfaces are planar; rooms full of plants, curtains or curved furniture gain little, and curtains are sometimes mistaken for walls, which flattens their folds. Mirrors and windows break both the photometric loss and the depth priors, and RoomSplat reconstructs them as poorly as the baselines.
RoomSplat also depends on structure from motion succeeding with few views, which failed on 2 of 22 ScanNet++ scenes, and on the quality of the monocular depth estimator, whose errors on dark or reflective surfaces propagate into the reconstruction.
The planar prior also assumes a static scene: people walking through the room or doors opened between photos produce inconsistent views, which the photometric loss cannot reconcile with a few views. Finally, our user study compared only two methods in six apartments, and larger studies are needed to know how well the preferences generalise.
# 6 Conclusion and Future Work
We presented RoomSplat, which reconstructs rooms from a handful of photos by adding aligned monocular depth and normal priors and a planar prior to Gaussian splatting. With 8 views it improves novel-view PSNR by 2.4 dB and depth error by 38% over 3D Gaussian splatting on ScanNet++.
In future work, we will replace planes by more general parametric surfaces, such as cylinders for columns, estimate camera poses jointly with the Gaussians when structure from motion fails, and handle mirrors and windows with explicit reflection models.
# References
B. Mildenhall, P. P. Srinivasan, M. Tancik, J. T. Barron, R. Ramamoorthi, and R. Ng. NeRF: Representing scenes as neural radiance fields for view synthesis. In ECCV, 2020.
B. Kerbl, G. Kopanas, T. Leimkühler, and G. Drettakis. 3D Gaussian splatting for real-time radiance field rendering. ACM Transactions on Graphics, 2023.
M. Niemeyer, J. T. Barron, B. Mildenhall, M. S. M. Sajjadi, A. Geiger, and N. Radwan. RegNeRF: Regularizing neural radiance fields for view synthesis from sparse inputs. In CVPR, 2022.
Z. Zhu, Z. Fan, Y. Jiang, and Z. Wang. FSGS: Real-time few-shot view synthesis using Gaussian splatting. In ECCV, 2024.
J. Li, J. Zhang, X. Bai, J. Zheng, X. Ning, J. Zhou, and L. Gu. DNGaussian: Optimizing sparse-view 3D Gaussian radiance fields with global-local depth normalization. In CVPR, 2024.
L. Yang, B. Kang, Z. Huang, X. Xu, J. Feng, and H. Zhao. Depth Anything: Unleashing the power of large-scale unlabeled data. In CVPR, 2024.
C. Liu, K. Kim, J. Gu, Y. Furukawa, and J. Kautz. PlaneRCNN: 3D plane detection and reconstruction from a single image. In CVPR, 2019.
A. Eftekhar, A. Sax, J. Malik, and A. Zamir. Omnidata: A scalable pipeline for making multi-task mid-level vision datasets from 3D scans. In ICCV, 2021.
C. Yeshwanth, Y.-C. Liu, M. Nießner, and A. Dai. ScanNet++: A high-fidelity dataset of 3D indoor scenes. In ICCV, 2023.
J. Straub, T. Whelan, L. Ma, Y. Chen, et al. The Replica dataset: A digital replica of indoor spaces. arXiv preprint, 2019.
J. L. Schönberger and J.-M. Frahm. Structure-from-motion revisited. In CVPR, 2016.
""",
)

PROTEINSAE = DemoPaper(
    arxiv_id="2512.99014",
    version=1,
    categories=("q-bio.BM", "cs.LG"),
    title="Sparse Autoencoders Reveal Secondary-Structure Features in Protein Language Models",
    short_title="Protein SAEs",
    authors=("Nadia Rahman", "Felix Hoffmann", "Chen Yu"),
    affiliation="Example Institute of Computational Biology · Demo University",
    comment="4 pages, 1 figure, 2 tables. Latent browser: https://arxiv-kb-demo.github.io/protein-sae",
    abstract="Protein language models such as ESM-2 learn representations that predict structure and function, but what their internal activations encode remains largely opaque. We train sparse autoencoders with 16,384 latents on the residual stream of ESM-2 with 650 million parameters, using activations from 5 million sequences of UniRef50. Matching each latent against residue-level annotations from UniProt and DSSP, we find 2,318 latents whose activations predict a specific annotation with an F1 score above 0.6, including latents for alpha helices, beta strands, transmembrane segments, disulfide-bonded cysteines and zinc-binding motifs. Features for secondary structure emerge in earlier layers than features for binding sites, which are most numerous in layer 24 of 33. Steering a single helix latent during masked sampling raises the helix content of sampled sequences, as assigned by DSSP on ESMFold structures, from 31% to 58%. Sparse autoencoders thus provide a dictionary of interpretable features of protein language models.",
    body="""
# 1 Introduction
Protein language models are trained to fill in masked amino acids in millions of natural sequences, and in doing so they learn much of what biologists know about proteins. The representations of ESM-2 [1] predict contacts between residues, three-dimensional structure, the effects of mutations and binding sites, often with only a linear layer on top. What the models represent internally, however, is hard to see. The activations of individual neurons rarely correspond to one biological concept, and linear probes can only confirm concepts that one already thought to look for.
In language models for text, sparse autoencoders (SAEs) have become a standard tool to open such representations [5, 6]. An SAE rewrites each activation vector as a sparse combination of many learned directions, or latents, and many latents turn out to be monosemantic: they activate on one recognisable concept. The motivation is the superposition hypothesis [4]: a network represents more features than it has dimensions by giving them nearly orthogonal directions, which individual neurons cannot separate.
However, it is unclear whether this transfers to proteins, where the relevant concepts are defined by three-dimensional structure and biochemistry rather than by words. Proteins also come with a rich vocabulary of annotations, from secondary structure to binding sites, which allows a quantitative check of interpretability that is rarely possible for text.
We carry out this check. Our contributions are: (1) we train top-k sparse autoencoders on five layers of ESM-2 with 650 million parameters, using 1.2 billion residue activations; (2) we match every latent against residue-level annotations from UniProt and DSSP and find 2,318 latents in layer 24 that predict an annotation with an F1 score above 0.6, against 37 individual neurons; (3) we show that secondary-structure features emerge earlier in depth than binding-site features, and that steering a single helix latent changes the structure of sampled sequences. We release the autoencoders and a browser of their latents.
# 2 Related Work
Protein language models. ESM-2 [1] scales masked language modelling of protein sequences to 15 billion parameters, and its 650 million parameter version underlies the ESMFold structure predictor. ProtTrans [2] trained several architectures on large sequence databases. Rao et al. [3] showed that attention maps of protein language models encode residue contacts, an early sign that structure emerges without supervision.
Sparse dictionary learning. Toy models [4] showed how networks store more features than dimensions. Bricken et al. [5] and Cunningham et al. [6] trained sparse autoencoders on language model activations and found many interpretable features, and Gao et al. [7] introduced top-k autoencoders, which fix the number of active latents and avoid the shrinkage of L1 penalties. Activation steering [11] adds feature directions to activations to change model behaviour, which we use to test whether latents are causally used.
Interpretability of biological models. Attribution methods have highlighted sequence motifs in models of gene regulation, and probing studies have located secondary structure and contacts in the layers of protein language models [3]. Dictionary learning complements both: it finds features without deciding in advance what to look for, and the annotations are used only afterwards to name them.
# 3 Method
We collect residue activations of ESM-2, train one sparse autoencoder per layer, and match the resulting latents against annotations. Figure 1 summarises the pipeline.
! Figure 1: Our pipeline. Residue activations of ESM-2 are decomposed by a top-k sparse autoencoder, and every latent is matched against residue annotations. | UniRef50 sequences > ESM-2 residue activations > Top-k sparse autoencoder > Match to UniProt and DSSP labels
## 3.1 Activations
We sample 5 million sequences from UniRef50 [10], the UniProt database clustered at 50% sequence identity, cropped to at most 512 residues, and record the residual-stream activations of ESM-2 650M at layers 6, 12, 18, 24 and 30 of its 33 layers. This gives 1.2 billion activation vectors of 1,280 dimensions per layer. Sequences used for annotation matching are removed from the training set.
## 3.2 Sparse Autoencoders
Each autoencoder has 16,384 latents, an expansion factor of 12.8, and keeps the k = 32 largest latent activations for every residue [7]. It is trained to reconstruct the activations with a mean squared error on one billion residues. At layer 24, the autoencoder explains 87% of the variance of the activations, 1.7% of its latents never activate, and replacing the activations by their reconstructions raises the masked-prediction loss of ESM-2 by 0.09 nats, a small fraction of the 2.1 nats between the model and a uniform guess.
We chose top-k autoencoders after comparing them with L1-penalised autoencoders at equal sparsity. At an average of 32 active latents per residue, the L1 autoencoder explains 83% of the variance instead of 87%, and 9.4% of its latents never activate. Its interpretable latents are also fewer, 1,874 instead of 2,318 at layer 24, because the L1 penalty shrinks weak but meaningful activations towards zero.
## 3.3 Matching Latents to Annotations
We use residue-level labels from UniProt [9], such as binding sites, transmembrane segments, disulfide bonds, zinc fingers and signal peptides, and the secondary structure assigned by DSSP [8] to 48,000 experimentally determined structures. For every latent and annotation, we binarise the latent's activation with a threshold chosen on a held-out third of the proteins and compute the F1 score of predicting the label on the remaining proteins. A latent counts as interpretable if its best annotation reaches an F1 score above 0.6.
# 4 Experiments
We compare the interpretability of SAE latents with that of other bases, track features across depth, and test whether latents are used by the model.
## 4.1 Comparison with Other Bases
Table 1 counts the directions that predict an annotation with an F1 score above 0.6, grouped by the type of annotation. Individual neurons give only 37 such directions and principal components 25, while the autoencoder of layer 24 gives 2,318. Many annotations have several matching latents that split them into finer concepts: of the 688 secondary-structure latents, some activate on the first turn of a helix, others on its middle, and others on residues facing the solvent.
| Table 1: Number of directions predicting a residue annotation with F1 above 0.6, by annotation type.
| Dictionary | Struct. | Binding | Membr. | Other | Total
| Neurons (1,280) | 11 | 3 | 4 | 19 | 37
| PCA (1,280) | 7 | 1 | 5 | 12 | 25
| SAE, layer 12 | 402 | 96 | 151 | 611 | 1,260
| *SAE, layer 24 | 688 | 410 | 273 | 947 | 2,318
Linear probes trained with the labels bound what a single direction can achieve. Table 2 compares the best latent with a linear probe for six annotations. The best latents come within 0.04 to 0.08 of the probes, although they were found without any labels.
| Table 2: F1 of the best single latent (layer 24) and of a supervised linear probe.
| Annotation | Best latent | Linear probe
| alpha helix | 0.86 | 0.91
| beta strand | 0.81 | 0.88
| transmembrane helix | 0.89 | 0.93
| disulfide cysteine | 0.77 | 0.84
| zinc binding | 0.72 | 0.80
| signal peptide | 0.84 | 0.90
The latents do not only mirror the annotations we chose to test. Browsing the top activations of unmatched latents, we found latents for proline-rich linkers, for the first residue after a signal peptide cleavage site, and for glycine pairs in tight turns, none of which has its own residue-level label in UniProt.
## 4.2 Features across Depth
Secondary-structure features are already common at layer 12, where the autoencoder has 58% as many of them as at layer 24, while binding-site features are rare before layer 24, with 23% of their layer-24 count at layer 12. At layer 30, the counts of all types fall again, as the last layers specialise in predicting the masked amino acid. This ordering mirrors the biology: secondary structure is largely determined by the local sequence, whereas binding sites depend on residues that are far apart in sequence but close in space.
## 4.3 Steering and Stability
To test whether the model uses a latent, we add its direction, scaled to five times its mean activation, to the layer-24 activations of 30% of the positions during iterative masked sampling. Steering the strongest helix latent raises the helix content of 1,000 sampled sequences, assigned by DSSP on their ESMFold structures, from 31% to 58%, while the mean predicted confidence of the structures drops moderately, from 78 to 71. Steering a random latent of the same norm leaves the helix content at 32%.
The dictionaries are reasonably stable. Of the interpretable latents of layer 24, 71% have a counterpart with a cosine similarity above 0.9 in an autoencoder trained with another seed. Larger dictionaries find more interpretable latents, mostly by splitting existing ones: 812 with 4,096 latents, 2,318 with 16,384 and 5,104 with 65,536.
## 4.4 Case Study: Zinc Fingers
The strongest zinc-binding latent, with an F1 score of 0.72, activates on the cysteines and histidines of C2H2 zinc fingers, which follow the pattern of two cysteines and, 12 residues later, two histidines. It activates on the first cysteine only when the histidines are present further downstream, so its activation is computed from the context of the whole motif rather than from the residue itself.
The latent also fires on sequences without a zinc-finger annotation. Among the 2,000 unannotated UniRef50 sequences with the strongest activations, 37% contain a complete C2H2 pattern, and 12 of the sequences have been annotated as zinc fingers in a later release of UniProt than the one we used. Such latents may therefore help to find missing annotations, as long as their predictions are checked against the sequence patterns that define the annotation.
# 5 Limitations
Our analysis has limitations. Annotations are incomplete, so 81% of the latents of layer 24 match no annotation; some of them may encode real biology that is simply not annotated, and we cannot tell which. The F1 threshold of 0.6 is a convention, and the counts change with it, although the ranking of dictionaries does not.
We studied one model, ESM-2 650M; larger models and models trained with structure may organise their features differently. Finally, steering was tested only in silico: an increase in the helix content predicted by ESMFold does not show that the sampled proteins fold as predicted or are functional.
# 6 Conclusion and Future Work
We showed that sparse autoencoders decompose the activations of a protein language model into thousands of latents that correspond to known structural and functional annotations, far more than individual neurons or principal components, and that the model uses at least some of them when it generates sequences.
In future work, we plan to study latents without annotations together with structural biologists, to train autoencoders on structure-aware protein models, and to test steered sequences experimentally.
# References
Z. Lin, H. Akin, R. Rao, B. Hie, et al. Evolutionary-scale prediction of atomic-level protein structure with a language model. Science, 2023.
A. Elnaggar, M. Heinzinger, C. Dallago, G. Rehawi, et al. ProtTrans: Toward understanding the language of life through self-supervised learning. IEEE Transactions on Pattern Analysis and Machine Intelligence, 2022.
R. Rao, J. Meier, T. Sercu, S. Ovchinnikov, and A. Rives. Transformer protein language models are unsupervised structure learners. In ICLR, 2021.
N. Elhage, T. Hume, C. Olsson, N. Schiefer, et al. Toy models of superposition. Transformer Circuits Thread, 2022.
T. Bricken, A. Templeton, J. Batson, B. Chen, et al. Towards monosemanticity: Decomposing language models with dictionary learning. Transformer Circuits Thread, 2023.
H. Cunningham, A. Ewart, L. Riggs, R. Huben, and L. Sharkey. Sparse autoencoders find highly interpretable features in language models. In ICLR, 2024.
L. Gao, T. Dupré la Tour, H. Tillman, G. Goh, R. Troll, A. Radford, I. Sutskever, J. Leike, and J. Wu. Scaling and evaluating sparse autoencoders. arXiv preprint, 2024.
W. Kabsch and C. Sander. Dictionary of protein secondary structure: Pattern recognition of hydrogen-bonded and geometrical features. Biopolymers, 1983.
The UniProt Consortium. UniProt: The universal protein knowledgebase in 2023. Nucleic Acids Research, 2023.
B. E. Suzek, Y. Wang, H. Huang, P. B. McGarvey, C. H. Wu, and the UniProt Consortium. UniRef clusters: A comprehensive and scalable alternative for improving sequence similarity searches. Bioinformatics, 2015.
A. M. Turner, L. Thiergart, D. Udell, G. Leech, U. Mini, and M. MacDiarmid. Activation addition: Steering language models without optimization. arXiv preprint, 2023.
""",
)

PAPERS: list[DemoPaper] = [
    MANIVLA,
    INSTRUCT2ACT,
    PATCHMIXER,
    TELEFM,
    TRAFFICMAMBA,
    HIPOOL,
    VLASEG,
    BURSTSERVE,
    CHROMATIC,
    RADIOST,
    SENSORCLR,
    PREMISEGRAPH,
    ROOMSPLAT,
    PROTEINSAE,
]
